import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordError, RemoteError } from "../errors";
import { QuickBooksClient, QuickBooksRecordError } from "./client";
import { quickbooksConnector } from "./index";
import { startQuickBooksSimulator, type QuickBooksSimulator } from "./simulator";
import { clientFor, connectTo } from "./test-support";

let sim: QuickBooksSimulator;

beforeAll(async () => {
  sim = await startQuickBooksSimulator();
});
afterAll(() => sim.stop());

async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: Error) => e,
  );
}

describe("QuickBooks client against the simulator", () => {
  it("tests the connection, refreshing first and persisting the rotated tokens", async () => {
    const { settings, io } = connectTo(sim);
    const original = settings.refreshToken;
    const { message } = await quickbooksConnector.test(settings, io);
    expect(message).toBe(`Company: Crossdock Demo Ltd (realm ${sim.realmId})`);
    expect(io.updates).toHaveLength(1);
    expect(settings.refreshToken).not.toBe(original);
    expect(sim.currentRefreshTokens()).toContain(settings.refreshToken);
    expect(sim.currentRefreshTokens()).not.toContain(original);
    expect(Date.parse(settings.accessTokenExpiresAt!)).toBeGreaterThan(Date.now());
    const call = sim.requests.findLast((r) => r.path.includes("/companyinfo/"))!;
    expect(call.query).toMatchObject({ minorversion: "75", format: "json" });
  });

  it("reuses a valid access token without refreshing", async () => {
    const { settings, io } = connectTo(sim);
    const client = new QuickBooksClient(settings, io);
    await client.companyInfo();
    await new QuickBooksClient(settings, io).preferences();
    expect(io.updates).toHaveLength(1);
  });

  it("turns 429 with Retry-After into a transient RemoteError with retryAfterSeconds", async () => {
    const client = clientFor(sim);
    await client.companyInfo();
    sim.failNext(429, 1, { "Retry-After": "7" });
    const e = await rejection(client.companyInfo());
    expect(e).toBeInstanceOf(RemoteError);
    expect(e).toMatchObject({ kind: "transient", status: 429, retryAfterSeconds: 7 });
  });

  it("waits out Intuit's minute window when a 429 has no Retry-After", async () => {
    const client = clientFor(sim);
    await client.companyInfo();
    sim.failNext(429, 1);
    // the injected answer still sends no Retry-After: the simulator only adds it for real throttling
    expect(await rejection(client.companyInfo())).toMatchObject({ kind: "transient", retryAfterSeconds: 60 });
  });

  it("answers 5xx as transient", async () => {
    const client = clientFor(sim);
    await client.companyInfo();
    sim.failNext(503);
    expect(await rejection(client.companyInfo())).toMatchObject({ name: "RemoteError", kind: "transient", status: 503 });
  });

  it("refreshes once on 401, retries and persists the rotated refresh token", async () => {
    const { settings, io } = connectTo(sim);
    const client = new QuickBooksClient(settings, io);
    await client.companyInfo();
    sim.expireAccessTokens();
    const info = await client.companyInfo();
    expect(info.CompanyName).toBe("Crossdock Demo Ltd");
    expect(io.updates).toHaveLength(2);
    expect(sim.currentRefreshTokens()).toContain(settings.refreshToken);
  });

  it("gives up with a permanent error when the call is refused again after the refresh", async () => {
    const client = clientFor(sim);
    await client.companyInfo();
    sim.failNext(401, 2);
    expect(await rejection(client.companyInfo())).toMatchObject({ name: "RemoteError", kind: "permanent", status: 401 });
  });

  it("reports a refused refresh token as permanent (reconnect needed)", async () => {
    const own = await startQuickBooksSimulator();
    try {
      const client = clientFor(own);
      own.revokeRefreshTokens();
      const e = await rejection(client.companyInfo());
      expect(e).toMatchObject({ name: "RemoteError", kind: "permanent", status: 400 });
      expect(e.message).toContain("invalid_grant");
    } finally {
      await own.stop();
    }
  });

  it("turns a validation Fault into a RecordError naming Intuit's message and code", async () => {
    const client = clientFor(sim);
    const e = await rejection(client.create("Customer", { DisplayName: "Amy's Bird Sanctuary" }));
    expect(e).toBeInstanceOf(RecordError);
    expect(e).toBeInstanceOf(QuickBooksRecordError);
    expect(e).toMatchObject({ code: "6240", field: "DisplayName" });
    expect(e.message).toContain("Duplicate Name Exists Error");
  });

  it("throttles per realm as Intuit does, with Retry-After", async () => {
    const strict = await startQuickBooksSimulator({ throttle: { requestsPerMinute: 2 } });
    try {
      const client = clientFor(strict);
      await client.companyInfo();
      await client.preferences();
      const e = await rejection(client.companyInfo());
      expect(e).toMatchObject({ kind: "transient", status: 429 });
      expect((e as RemoteError).retryAfterSeconds).toBeGreaterThan(0);
      expect((e as RemoteError).retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await strict.stop();
    }
  });

  it("answers an unreachable host as transient", async () => {
    const gone = await startQuickBooksSimulator();
    const client = clientFor(gone);
    await client.companyInfo();
    await gone.stop();
    expect(await rejection(client.companyInfo())).toMatchObject({ name: "RemoteError", kind: "transient" });
  });

  it("finds with the query language, escaping apostrophes", async () => {
    const client = clientFor(sim);
    const found = await client.query("Customer", "where DisplayName = 'Amy\\'s Bird Sanctuary'");
    expect(found.map((c) => c.Id)).toEqual(["1"]);
  });
});

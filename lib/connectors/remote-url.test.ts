import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlugSetupError } from "./errors";
import { assertPublicRemotes, isPrivateAddress, remoteUrlProblem } from "./remote-url";

const saved = process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES;
beforeEach(() => delete process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES);
afterEach(() => (process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = saved));

describe("remote URLs", () => {
  it("refuses plain http, credentials and private literals when saved", () => {
    expect(remoteUrlProblem("http://shop.example.com")).toBe("Use an https:// address.");
    expect(remoteUrlProblem("https://user:pw@shop.example.com")).toMatch(/credentials/);
    expect(remoteUrlProblem("https://10.1.2.3")).toMatch(/private network/);
    expect(remoteUrlProblem("https://shop.example.com")).toBeUndefined();
  });

  it.each([
    ["127.0.0.1", true], ["10.0.0.5", true], ["172.16.0.1", true], ["172.32.0.1", false], ["192.168.1.1", true], ["169.254.169.254", true],
    ["100.64.0.1", true], ["100.128.0.1", false], ["0.0.0.0", true], ["224.0.0.1", true], ["8.8.8.8", false], ["::1", true], ["::", true],
    ["fd12::1", true], ["fe80::1", true], ["::ffff:10.0.0.1", true], ["::ffff:8.8.8.8", false], ["2606:4700::1111", false],
  ])("%s private: %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it("refuses a host name that resolves into a private network at use time, naming the address", async () => {
    const lookup = async (host: string) => (host === "shop.example.com" ? [{ address: "93.184.216.34" }, { address: "10.0.0.5" }] : [{ address: "93.184.216.34" }]);
    const e = await assertPublicRemotes({ shopUrl: "https://shop.example.com", accessToken: "shpat_x" }, lookup).catch((x) => x);
    expect(e).toBeInstanceOf(PlugSetupError);
    expect(e.message).toBe("shop.example.com resolves to 10.0.0.5, an address on a private network; Crossdock only calls public addresses.");
    await expect(assertPublicRemotes({ shopUrl: "https://public.example.com", note: "not a url" }, lookup)).resolves.toBeUndefined();
    // A name that does not resolve is left to the remote call.
    await expect(assertPublicRemotes({ shopUrl: "https://nx.example.com" }, async () => Promise.reject(new Error("ENOTFOUND")))).resolves.toBeUndefined();
    // The demo and the tests allow local simulators.
    process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";
    await expect(assertPublicRemotes({ shopUrl: "https://shop.example.com" }, lookup)).resolves.toBeUndefined();
  });
});

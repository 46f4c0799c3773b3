/**
 * The script manipulator's sandbox: QuickJS compiled to WebAssembly (quickjs-emscripten, sync
 * build), run in a worker thread of its own.
 *
 * No way to the host: the QuickJS context has no process, require, fetch, fs, timers or console,
 * no host function is installed in it, and records cross the boundary only as JSON text.
 *
 * Limits per record:
 * - Time: QuickJS's interrupt handler stops the script at its deadline (uncatchable inside the
 *   guest). QuickJS polls it only every ~10,000 loop iterations or calls, so a loop around a slow
 *   built-in (`while (true) "x".repeat(1e6)`) could run for minutes; that is why the guest lives in
 *   a worker thread: the host waits for the answer with a hard deadline and terminates the worker
 *   when it passes. The next record gets a fresh worker.
 * - Memory: quickjs-emscripten's setMemoryLimit does not count large strings and arrays in the
 *   prebuilt WASM (upstream issues #255 and #271), so each sandbox gets its own WASM instance with
 *   a fixed-size WebAssembly.Memory: QuickJS cannot grow past it and raises "out of memory".
 *   setMemoryLimit is kept for what it does count.
 * - Stack: setMaxStackSize.
 *
 * Reuse: one worker, QuickJS runtime and context per script link, kept across records (a fresh
 * context per record costs more than the whole per-record budget). To keep records from
 * influencing each other, the context is locked down before any user code runs: every object
 * reachable from the global object and the hidden intrinsics (iterator, generator and async
 * prototypes …) is frozen, the script body runs in strict mode inside a function, and a check
 * makes sure the source is exactly one function body (QuickJS's parser would otherwise let
 * "}); let x = []; (function(){" leave it and keep state). There is nowhere to keep state between
 * records. After a limit is hit the context is rebuilt; after a hard stop, the worker.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

export type SandboxLimits = { timeoutMs: number; memoryBytes: number; stackBytes: number };

export type SandboxResult =
  | { kind: "record"; json: string }
  | { kind: "ignore"; reason: string }
  | { kind: "fail"; message: string }
  | { kind: "error"; message: string };

/** Largest record or result (UTF-8 bytes) exchanged with the sandbox. */
const MAX_EXCHANGE_BYTES = 64 * 1024 * 1024;
/** WASM memory beyond the script's own limit: QuickJS's static data, stack and the record itself. */
const BASE_WASM_BYTES = 16 * 1024 * 1024;
/** A worker that has not reported ready by then is given up. */
const START_MS = 15_000;
const FILE = "script.js";
/** Both sides spin this long before sleeping on the shared word (a thread wake-up costs ~50 µs here). */
const SPIN_MS = 1;

/** Wraps a script body as one function; the check after evaluating it relies on this exact text. */
export function wrapScript(source: string): string {
  return `function (record, context) {"use strict";\n${source}\n}`;
}

/** Why a script body does not compile (checked with the host's parser, which never runs it), or undefined. */
export function scriptSyntaxProblem(source: string): string | undefined {
  try {
    // Parses only: the function is created and dropped, never called.
    new Function("record", "context", `"use strict";\n${source}`);
    return undefined;
  } catch (e) {
    return e instanceof SyntaxError ? e.message : String(e);
  }
}

/**
 * Runs once per context, before any user code: installs ignore()/fail(), returns the runner the
 * worker calls per record and the wrapping check, then freezes everything reachable.
 */
const PRELUDE = String.raw`(function () {
  "use strict";
  class Outcome { constructor(kind, text) { this.kind = kind; this.text = text; } }
  const str = (v) => { try { return String(v); } catch (e) { return "(a value that cannot be shown)"; } };
  const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: false, enumerable: false, configurable: false });
  define("ignore", function ignore(reason) { throw new Outcome("I", reason === undefined ? "Ignored by the script" : str(reason)); });
  define("fail", function fail(message) { throw new Outcome("F", message === undefined ? "Failed by the script" : str(message)); });
  const parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray, fnToString = Function.prototype.toString;
  // Out of memory can surface as a thrown null (QuickJS could not allocate the error object).
  const isInternal = (e) => e === null || (typeof e === "object" && e.name === "InternalError");
  const lineOf = (e) => {
    const m = /${FILE}:(\d+)/.exec(typeof e.stack === "string" ? e.stack : "");
    return m ? " (line " + (Number(m[1]) - 1) + ")" : "";
  };
  const messageOf = (e) => (e instanceof Error ? str(e.message) + lineOf(e) : str(e));
  const kindOf = (v) => (v === null ? "null" : isArray(v) ? "a list" : typeof v === "object" ? "an object" : "a " + typeof v);
  const run = function (fn, input, context) {
    const record = parse(input);
    let result;
    try {
      result = fn.call(undefined, record, parse(context));
    } catch (e) {
      if (e instanceof Outcome) return e.kind + e.text;
      if (isInternal(e)) throw e;
      return "E" + messageOf(e);
    }
    if (result === undefined) result = record;
    else if (result === null || typeof result !== "object" || isArray(result)) {
      return "EThe script must return the record (an object) or nothing, not " + kindOf(result);
    }
    let json;
    try {
      json = stringify(result);
    } catch (e) {
      if (isInternal(e)) throw e;
      return "EThe record the script left cannot be turned into JSON: " + messageOf(e);
    }
    return "R" + json;
  };
  const isWrapped = function (fn, expected) { return typeof fn === "function" && fnToString.call(fn) === expected; };

  const seen = new Set();
  const queue = [globalThis, Outcome, run, isWrapped,
    function* () {}, async function () {}, async function* () {}, (function* () {})(), (async function* () {})(),
    [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ""[Symbol.iterator](),
    /x/[Symbol.matchAll](""), Promise.resolve()];
  while (queue.length) {
    const o = queue.pop();
    if ((typeof o !== "object" && typeof o !== "function") || o === null || seen.has(o)) continue;
    seen.add(o);
    Object.freeze(o);
    queue.push(Object.getPrototypeOf(o));
    for (const k of Reflect.ownKeys(o)) {
      const d = Reflect.getOwnPropertyDescriptor(o, k);
      if (!d) continue;
      if ("value" in d) queue.push(d.value);
      else queue.push(d.get, d.set);
    }
  }
  return [run, isWrapped];
})()`;

/** Control words shared with the worker (Int32Array over a SharedArrayBuffer). */
const STATE = 0;
const IN_LENGTH = 1;
const OUT_LENGTH = 2;
const OUT_KIND = 3;
const IDLE = 0;
const REQUEST = 1;
const RESPONSE = 2;
const KINDS = ["record", "ignore", "fail", "error"] as const;

/**
 * The worker: plain CommonJS JavaScript (evaluated, so it needs no build step or file of its
 * own). It builds the locked-down context, reports ready (or why not), then serves one record at
 * a time through the shared buffers.
 */
const WORKER = String.raw`"use strict";
const { parentPort, workerData: w } = require("node:worker_threads");
const { newQuickJSWASMModuleFromVariant, newVariant } = require(w.coreEntry);
const variant = require(w.variantEntry).default;
const ctrl = new Int32Array(w.ctrl);
const data = w.data;
const MAX_RESULT = ${MAX_EXCHANGE_BYTES};

(async () => {
  const pages = Math.ceil(w.wasmBytes / 65536);
  const QJS = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: new WebAssembly.Memory({ initial: pages, maximum: pages }) }));
  const runtime = QJS.newRuntime();
  runtime.setMemoryLimit(w.memoryBytes);
  runtime.setMaxStackSize(w.stackBytes);
  let deadline = 0;
  runtime.setInterruptHandler(() => Date.now() > deadline);

  const build = () => {
    const context = runtime.newContext();
    deadline = Date.now() + 2000;
    const handles = [];
    const fail = (message) => {
      for (const h of handles) if (h.alive) h.dispose();
      context.dispose();
      return { error: message };
    };
    const prelude = context.evalCode(w.prelude, "prelude.js");
    if (prelude.error) {
      const err = context.dump(prelude.error);
      prelude.error.dispose();
      return fail("The sandbox could not start: " + JSON.stringify(err));
    }
    handles.push(prelude.value);
    const run = context.getProp(prelude.value, 0);
    const isWrapped = context.getProp(prelude.value, 1);
    handles.push(run, isWrapped);
    const compiled = context.evalCode("(" + w.wrapped + ")", w.file);
    if (compiled.error) {
      const err = context.dump(compiled.error);
      compiled.error.dispose();
      return fail("The script does not compile: " + (err && err.message ? err.message : JSON.stringify(err)));
    }
    handles.push(compiled.value);
    const expected = context.newString(w.wrapped);
    handles.push(expected);
    const check = context.callFunction(isWrapped, context.undefined, compiled.value, expected);
    const ok = !check.error && context.dump(check.value) === true;
    (check.error || check.value).dispose();
    if (!ok) return fail("The script must be the body of one function: it may not close the function it runs in");
    for (const h of [prelude.value, isWrapped, expected]) h.dispose();
    deadline = 0;
    return { context, run, fn: compiled.value };
  };

  const limitMessage = (err) => {
    const m = err === null ? "out of memory" : err && err.message ? err.message : "";
    if (m === "interrupted") return "The script ran longer than its limit of " + w.timeoutMs + " ms and was stopped";
    if (m === "out of memory") return "The script used more than its limit of " + Math.round(w.memoryBytes / 1048576) + " MB of memory and was stopped";
    if (m === "stack overflow") return "The script recursed too deeply (stack overflow) and was stopped";
    return m || "The script was stopped";
  };

  let live = build();
  if (live.error) {
    parentPort.postMessage({ error: live.error });
    return;
  }
  parentPort.postMessage({ ready: true });

  const one = (input, context) => {
    if (!live) {
      live = build();
      if (live.error) { const e = live.error; live = undefined; return [3, e]; }
    }
    const { context: ctx, run, fn } = live;
    const arg = ctx.newString(input);
    const cx = ctx.newString(context);
    deadline = Date.now() + w.timeoutMs;
    const result = ctx.callFunction(run, ctx.undefined, fn, arg, cx);
    deadline = 0;
    arg.dispose();
    cx.dispose();
    if (result.error) {
      const err = ctx.dump(result.error);
      result.error.dispose();
      // A limit was hit: the context may hold half-built state, so the next record gets a new one.
      run.dispose();
      fn.dispose();
      ctx.dispose();
      live = undefined;
      return [3, limitMessage(err)];
    }
    const handle = result.value;
    try {
      if (ctx.typeof(handle) !== "string") return [3, "The sandbox returned no result"];
      if ((ctx.getLength(handle) || 0) > MAX_RESULT / 3) return [3, "The script's result is too large"];
      const text = ctx.getString(handle);
      const kind = "RIFE".indexOf(text[0]);
      return [kind < 0 ? 3 : kind, text.slice(1)];
    } finally {
      handle.dispose();
    }
  };

  for (;;) {
    // Spin briefly before sleeping: the next record usually follows within microseconds, and a
    // futex wake-up costs more than the spin (and leaves the WASM code cold).
    const idleSince = performance.now();
    while (Atomics.load(ctrl, ${STATE}) === ${IDLE} && performance.now() - idleSince < ${SPIN_MS});
    Atomics.wait(ctrl, ${STATE}, ${IDLE});
    if (Atomics.load(ctrl, ${STATE}) !== ${REQUEST}) continue;
    const input = Buffer.from(data, 0, ctrl[${IN_LENGTH}]).toString("utf8");
    const split = input.indexOf("\n");
    let [kind, text] = one(input.slice(split + 1), input.slice(0, split));
    let bytes = Buffer.byteLength(text);
    if (bytes > data.byteLength) {
      if (bytes > data.maxByteLength) {
        [kind, text] = [3, "The script's result is too large"];
        bytes = Buffer.byteLength(text);
      } else data.grow(bytes);
    }
    Buffer.from(data, 0, bytes).write(text, 0, "utf8");
    ctrl[${OUT_LENGTH}] = bytes;
    ctrl[${OUT_KIND}] = kind;
    Atomics.store(ctrl, ${STATE}, ${RESPONSE});
    Atomics.notify(ctrl, ${STATE});
  }
})().catch((e) => parentPort.postMessage({ error: "The sandbox could not start: " + (e && e.message ? e.message : String(e)) }));
`;

let entries: { coreEntry: string; variantEntry: string } | undefined;
/**
 * Where the worker loads QuickJS from, as absolute paths: resolved from the project (or this file)
 * through quickjs-emscripten, whose dependencies they are. The worker is plain JavaScript loaded
 * from node_modules at run time, so no bundler ever touches the WASM.
 */
function quickJsEntries() {
  if (!entries) {
    let lastError: unknown;
    for (const base of [path.join(process.cwd(), "package.json"), import.meta.url]) {
      try {
        const fromBase = createRequire(base);
        const fromQuickJs = createRequire(fromBase.resolve("quickjs-emscripten"));
        entries = { coreEntry: fromQuickJs.resolve("quickjs-emscripten-core"), variantEntry: fromQuickJs.resolve("@jitl/quickjs-wasmfile-release-sync") };
        break;
      } catch (e) {
        lastError = e;
      }
    }
    if (!entries) throw lastError;
  }
  return entries;
}

type Running = { worker: Worker; ctrl: Int32Array; data: SharedArrayBuffer };

export class ScriptSandbox {
  private running?: Running;
  private starting?: Promise<Running | string>;
  /** Set when the script can never run (does not compile): every record gets this message. */
  private permanentError?: string;
  private disposed = false;

  constructor(
    private readonly source: string,
    private readonly limits: SandboxLimits,
  ) {}

  /** The record in flight: one worker and one exchange buffer, so calls take turns. */
  private turn: Promise<unknown> = Promise.resolve();

  /** Runs the script on one record (JSON text) with its context (JSON text). */
  run(recordJson: string, contextJson: string): Promise<SandboxResult> {
    const result = this.turn.then(() => this.runNow(recordJson, contextJson));
    this.turn = result.catch(() => {});
    return result;
  }

  private async runNow(recordJson: string, contextJson: string): Promise<SandboxResult> {
    if (this.disposed) throw new Error("The script sandbox was disposed");
    if (this.permanentError) return { kind: "error", message: this.permanentError };
    if (!this.running) {
      this.starting ??= this.start();
      const started = await this.starting;
      this.starting = undefined;
      if (this.disposed) throw new Error("The script sandbox was disposed");
      if (typeof started === "string") {
        this.permanentError = started;
        return { kind: "error", message: started };
      }
      this.running = started;
    }
    return this.exchange(this.running, `${contextJson}\n${recordJson}`);
  }

  private start(): Promise<Running | string> {
    const ctrl = new Int32Array(new SharedArrayBuffer(16));
    const data = new SharedArrayBuffer(64 * 1024, { maxByteLength: MAX_EXCHANGE_BYTES });
    const wrapped = wrapScript(this.source);
    let worker: Worker;
    try {
      worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          ...quickJsEntries(),
          ctrl: ctrl.buffer,
          data,
          prelude: PRELUDE,
          wrapped,
          file: FILE,
          timeoutMs: this.limits.timeoutMs,
          memoryBytes: this.limits.memoryBytes,
          stackBytes: this.limits.stackBytes,
          wasmBytes: this.limits.memoryBytes + BASE_WASM_BYTES,
        },
        resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
    } catch (e) {
      return Promise.resolve(`The sandbox could not start: ${(e as Error).message}`);
    }
    // A worker parked in Atomics.wait must not keep the process alive.
    worker.unref();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(`The sandbox did not start within ${START_MS / 1000} s`), START_MS);
      timer.unref();
      const done = (result: Running | string) => {
        clearTimeout(timer);
        worker.removeAllListeners("message");
        if (typeof result === "string") void worker.terminate();
        resolve(result);
      };
      worker.on("message", (m: { ready?: boolean; error?: string }) => done(m.ready ? { worker, ctrl, data } : (m.error ?? "The sandbox could not start")));
      worker.once("error", (e) => done(`The sandbox could not start: ${e.message}`));
      worker.once("exit", () => {
        done("The sandbox stopped while starting");
        if (this.running?.worker === worker) this.running = undefined;
      });
    });
  }

  /**
   * One record through the worker. Quick answers are caught by a short spin; anything slower is
   * awaited without blocking the event loop (a slow or endless script must not stall the server's
   * other requests). The hard deadline is the script's limit plus slack for the soft stop to report itself.
   */
  private async exchange(r: Running, input: string): Promise<SandboxResult> {
    const bytes = Buffer.byteLength(input);
    if (bytes > MAX_EXCHANGE_BYTES) return { kind: "error", message: "The record is too large for the script sandbox" };
    if (bytes > r.data.byteLength) r.data.grow(bytes);
    Buffer.from(r.data, 0, bytes).write(input, 0, "utf8");
    r.ctrl[IN_LENGTH] = bytes;
    Atomics.store(r.ctrl, STATE, REQUEST);
    Atomics.notify(r.ctrl, STATE);
    const hardMs = this.limits.timeoutMs * 2 + 250;
    const sent = performance.now();
    while (Atomics.load(r.ctrl, STATE) === REQUEST && performance.now() - sent < SPIN_MS);
    const waiting = Atomics.waitAsync(r.ctrl, STATE, REQUEST, hardMs);
    if (waiting.async) {
      // A pending waitAsync does not keep Node alive (the worker is unref'd): hold the process open meanwhile.
      const keepAlive = setTimeout(() => {}, hardMs + 1000);
      await waiting.value.finally(() => clearTimeout(keepAlive));
    }
    if (Atomics.load(r.ctrl, STATE) !== RESPONSE) {
      // Stuck in a built-in that never reaches an interrupt check: stop the thread itself.
      this.kill(r);
      return { kind: "error", message: `The script ran longer than its limit of ${this.limits.timeoutMs} ms and was stopped` };
    }
    const kind = KINDS[r.ctrl[OUT_KIND]] ?? "error";
    const text = Buffer.from(r.data, 0, r.ctrl[OUT_LENGTH]).toString("utf8");
    Atomics.store(r.ctrl, STATE, IDLE);
    switch (kind) {
      case "record":
        return { kind, json: text };
      case "ignore":
        return { kind, reason: text };
      case "fail":
        return { kind, message: text };
      default:
        return { kind: "error", message: text };
    }
  }

  private kill(r: Running): void {
    if (this.running === r) this.running = undefined;
    r.worker.removeAllListeners();
    void r.worker.terminate();
  }

  /** Stops the worker and frees its WASM instance. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.running) this.kill(this.running);
    void this.starting?.then((s) => {
      if (typeof s !== "string") this.kill(s);
    });
  }
}

import { describe, expect, it, vi } from "vitest";
import { DeliveryGuard } from "../../src/pool/delivery-guard.js";
import { fakeAttempt, fakeMsg, type Journal } from "./fakes.js";

describe("delivery guard", () => {
  it("ignores a copy of a task this process is running (no ack, nak or term), and admits it after release", async () => {
    const guard = new DeliveryGuard(async () => false);
    const first: Journal = [];
    const copy: Journal = [];
    expect(await guard.admit(fakeAttempt(fakeMsg(first, { seq: 1 })))).toBe(true);
    expect(await guard.admit(fakeAttempt(fakeMsg(copy, { seq: 1, attempt: 2 })))).toBe(false);
    expect(copy).toEqual([]);
    guard.release("t-1");
    expect(await guard.admit(fakeAttempt(fakeMsg(copy, { seq: 1 })))).toBe(true);
  });

  it("acks a task this process finished lately without running it, whatever the delivery count", async () => {
    const lookup = vi.fn(async () => false);
    const guard = new DeliveryGuard(lookup);
    guard.completed("t-1");
    const j: Journal = [];
    expect(await guard.admit(fakeAttempt(fakeMsg(j, { attempt: 1 })))).toBe(false);
    expect(j).toEqual(["ack"]);
    expect(lookup).not.toHaveBeenCalled();
  });

  it("asks whether a redelivered task already has a result: acks it if so, runs it if not", async () => {
    const finished = new Set(["done-elsewhere"]);
    const lookup = vi.fn(async (id: string) => finished.has(id));
    const guard = new DeliveryGuard(lookup);
    const j1: Journal = [];
    expect(await guard.admit(fakeAttempt(fakeMsg(j1, { attempt: 2 }), { taskId: "done-elsewhere" }))).toBe(false);
    expect(j1).toEqual(["ack"]);
    const j2: Journal = [];
    expect(await guard.admit(fakeAttempt(fakeMsg(j2, { attempt: 2 }), { taskId: "not-done" }))).toBe(true);
    expect(j2).toEqual([]);
    expect(lookup.mock.calls.map((c) => c[0])).toEqual(["done-elsewhere", "not-done"]);
  });

  it("admits a first delivery at once, without asking (no promise on the common path)", () => {
    const lookup = vi.fn(async () => true);
    const guard = new DeliveryGuard(lookup);
    expect(guard.admit(fakeAttempt(fakeMsg([], { attempt: 1 })))).toBe(true);
    expect(lookup).not.toHaveBeenCalled();
  });

  it("terminates a message delivered again after this process dead-lettered it (#seq marker)", () => {
    const guard = new DeliveryGuard(async () => false);
    guard.terminated(42);
    const again: Journal = [];
    expect(guard.endedHere(fakeMsg(again, { seq: 42 }))).toBe(true);
    expect(again).toEqual(["term"]);
    const other: Journal = [];
    expect(guard.endedHere(fakeMsg(other, { seq: 43 }))).toBe(false);
    expect(other).toEqual([]);
  });

  it("forgets the oldest finished tasks beyond its bound", async () => {
    const guard = new DeliveryGuard(async () => false, 2);
    guard.completed("a");
    guard.completed("b");
    guard.completed("c");
    const j: Journal = [];
    expect(await guard.admit(fakeAttempt(fakeMsg(j), { taskId: "a" }))).toBe(true);
    expect(await guard.admit(fakeAttempt(fakeMsg(j), { taskId: "c" }))).toBe(false);
    expect(j).toEqual(["ack"]);
  });
});

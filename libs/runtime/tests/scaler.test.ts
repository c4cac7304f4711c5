import { describe, expect, it } from "vitest";
import { splitAgents } from "../src/scaler.js";

describe("splitting the desired agent count across replicas", () => {
  it("gives each replica floor(n / replicas), the first n % replicas one more", () => {
    expect(splitAgents(8, [10, 10])).toEqual([4, 4]);
    expect(splitAgents(3, [10, 10])).toEqual([2, 1]);
    expect(splitAgents(7, [10, 10, 10])).toEqual([3, 2, 2]);
    expect(splitAgents(1, [10, 10, 10])).toEqual([1, 0, 0]);
    expect(splitAgents(0, [10, 10])).toEqual([0, 0]);
  });

  it("keeps each replica within its bound and moves the rest to the others", () => {
    expect(splitAgents(8, [2, 10])).toEqual([2, 6]);
    expect(splitAgents(9, [3, 3, 10])).toEqual([3, 3, 3]);
    expect(splitAgents(20, [3, 4])).toEqual([3, 4]);
  });
});

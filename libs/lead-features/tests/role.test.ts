import { describe, expect, it } from "vitest";
import { leadFeatures, occupationOf, seniorityOf } from "../src/index.js";

describe("seniorityOf", () => {
  it.each([
    ["CEO", "executive"],
    ["Chief Revenue Officer", "executive"],
    ["Founder & CEO", "executive"],
    ["Co-Founder", "executive"],
    ["Owner", "executive"],
    ["Managing Director", "executive"],
    ["Managing Partner", "executive"],
    ["Partner", "executive"],
    ["Chairman", "executive"],
    ["President", "executive"],
    ["Principal", "executive"],
  ])("%s → %s", (title, level) => expect(seniorityOf(title)).toBe(level));

  it.each([
    ["VP of Sales", "leader"],
    ["SVP Marketing", "leader"],
    ["Vice President", "leader"],
    ["Vice-President, Operations", "leader"],
    ["Head of Growth", "leader"],
    ["Director of IT", "leader"],
    ["Executive Director", "leader"],
    ["Dean of Students", "leader"],
  ])("%s → %s (a vice president is not a president)", (title, level) => expect(seniorityOf(title)).toBe(level));

  it.each([
    ["Operations Manager", "manager"],
    ["Team Lead", "manager"],
    ["Supervisor", "manager"],
    ["Product Owner", "manager"],
    ["Partner Manager", "manager"],
    ["Assistant Manager", "manager"],
  ])("%s → %s (a product owner does not own the company)", (title, level) => expect(seniorityOf(title)).toBe(level));

  it.each([
    ["Intern", "junior"],
    ["Marketing Intern", "junior"],
    ["Trainee Accountant", "junior"],
    ["Junior Analyst", "junior"],
    ["Executive Assistant", "junior"],
    ["Receptionist", "junior"],
  ])("%s → %s", (title, level) => expect(seniorityOf(title)).toBe(level));

  it.each([
    ["Senior Software Engineer", "individual"],
    ["Principal Engineer", "individual"],
    ["Data Analyst", "individual"],
    ["Account Executive", "individual"],
    ["Marketing Coordinator", "individual"],
    ["Consultant", "individual"],
  ])("%s → %s", (title, level) => expect(seniorityOf(title)).toBe(level));

  it("matches whole words only, and says unknown when nothing is known", () => {
    expect(seniorityOf("MVP Evangelist")).toBe("unknown"); // "vp" inside "mvp"
    expect(seniorityOf("Headquarters liaison")).toBe("unknown");
    expect(seniorityOf("Doctor")).toBe("unknown");
    expect(seniorityOf("")).toBe("unknown");
    expect(seniorityOf(undefined)).toBe("unknown");
  });
});

describe("occupationOf", () => {
  it("reads occupations as web forms ask for them", () => {
    expect(occupationOf(undefined, "Student")).toBe("student");
    expect(occupationOf("Intern")).toBe("student");
    expect(occupationOf(undefined, "Unemployed")).toBe("unemployed");
    expect(occupationOf(undefined, "Working Professional")).toBe("working");
    expect(occupationOf(undefined, "Businessman")).toBe("working");
    expect(occupationOf("Self-employed")).toBe("working");
    expect(occupationOf(undefined, "Housewife")).toBe("unknown");
    expect(occupationOf("VP of Sales")).toBe("unknown");
  });

  it("reads title and role together, being in education first", () => {
    expect(occupationOf("Marketing Intern", "Working Professional")).toBe("student");
  });
});

describe("leadFeatures: seniority", () => {
  it("takes the title first, the role when the title says nothing", () => {
    expect(leadFeatures({ contact: { title: "VP of Sales", role: "Intern" } })).toMatchObject({ seniority: "leader", seniorityFrom: "title" });
    expect(leadFeatures({ contact: { title: "Doctor", role: "Founder" } })).toMatchObject({ seniority: "executive", seniorityFrom: "role" });
    expect(leadFeatures({ contact: { name: "Jo", role: "Working Professional" } })).toMatchObject({
      seniority: "unknown",
      seniorityFrom: undefined,
      occupation: "working",
    });
  });
});

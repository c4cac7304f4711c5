import type { EmailCategory } from "@gardenos/contracts";

/** The next step per category (suggested_action), in words a salesperson understands. */
export const SUGGESTED_ACTIONS: Record<EmailCategory, string> = {
  interested: "Reply today with the next step they asked for (proposal, trial or pricing) and offer a call.",
  meeting_request: "Confirm one of the proposed times and send a calendar invite.",
  question: "Answer the question in a follow-up e-mail; offer a short call if it needs more.",
  objection: "Address the objection (price, competitor or effort) with a tailored follow-up; do not push a demo.",
  not_interested: "Close the lead as lost politely; no further sequence e-mails.",
  unsubscribe: "Mark the contact do-not-email at once and drop any queued follow-up; send nothing.",
  out_of_office: "Pause the sequence and follow up after the return date.",
  bounce: "Mark the address as bad and find a working contact for the lead.",
  wrong_person: "Write to the colleague they named, mentioning who referred you.",
};

/** Urgency 1–10 per category before adjustments (an urgent word +1, a meeting within two days +1). */
export const BASE_URGENCY: Record<EmailCategory, number> = {
  meeting_request: 8,
  interested: 8,
  question: 6,
  objection: 5,
  wrong_person: 4,
  unsubscribe: 6,
  not_interested: 2,
  out_of_office: 2,
  bounce: 3,
};

export const BASE_SENTIMENT: Record<EmailCategory, "positive" | "neutral" | "negative"> = {
  meeting_request: "positive",
  interested: "positive",
  question: "neutral",
  objection: "neutral",
  wrong_person: "neutral",
  unsubscribe: "negative",
  not_interested: "negative",
  out_of_office: "neutral",
  bounce: "neutral",
};

import type { Lead } from "@gardenos/contracts";

export interface Band {
  name: string;
  action: string;
  timeline: string;
}

/** The next step for a 1–10 score, respecting opt-outs (`bounced`: the last e-mail bounced). Shared with the learned model's results. */
export function recommend(score: number, lead: Lead, bounced: boolean): Band {
  const noCall = lead.contact?.do_not_call === true;
  const noEmail = lead.contact?.do_not_email === true;
  if (noCall && noEmail) {
    return score >= 6
      ? { name: "Hot", action: "Reach out only through a channel the contact has consented to (e.g. via their account manager or at an event): they opted out of direct outreach", timeline: "Within 1 week" }
      : { name: score >= 4 ? "Warm" : "Cold", action: "Do not contact: the lead opted out of direct outreach; keep on file and review consent", timeline: "Review in 1 month" };
  }
  if (score >= 8) {
    if (!noCall) return { name: "Hot", action: "Schedule a demo call", timeline: "Within 24 hours" };
    return { name: "Hot", action: "Send a personalised e-mail offering a live online demo (respecting their opt-out)", timeline: "Within 24 hours" };
  }
  if (score >= 6) {
    if (!noCall) return { name: "Warm", action: "Call to qualify needs, budget and timeline, then offer a demo", timeline: "Within 2-3 days" };
    return { name: "Warm", action: "Send a tailored e-mail with a relevant case study and a meeting link (respecting their opt-out)", timeline: "Within 2-3 days" };
  }
  if (score >= 4) {
    if (bounced && !noCall) return { name: "Lukewarm", action: "Verify the contact details (the last e-mail bounced), then send relevant content", timeline: "Within 1 week" };
    if (!noEmail) return { name: "Lukewarm", action: "Send relevant content and a soft check-in e-mail", timeline: "Within 1 week" };
    return { name: "Lukewarm", action: "Track website activity and re-score; do not e-mail (the contact opted out)", timeline: "Within 2 weeks" };
  }
  if (noEmail) return { name: "Cold", action: "Keep on file without outreach (opted out of e-mail); re-score if activity picks up", timeline: "Re-evaluate in 1 month" };
  if (bounced) return { name: "Cold", action: "Verify or replace the e-mail address, then add to nurture campaign", timeline: "Within 2 weeks" };
  return { name: "Cold", action: "Add to nurture campaign", timeline: "Within 2 weeks" };
}

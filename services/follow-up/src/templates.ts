import type { Industry } from "@gardenos/lead-features";
import type { ContextKind } from "./context.js";

/**
 * The follow-up writer's text tables: vocabulary by industry, the writer's voice, and the subjects,
 * openings and calls to action by context kind. Data only; `template-writer.ts` chooses among them.
 */

// ---------------------------------------------------------------- industries

export interface IndustryText {
  /** "in <noun>": "Working in healthcare, …" */
  noun: string;
  /** "Most <peers> we speak with …" */
  peers: string;
  pains: readonly [string, string, string];
  /** What a senior buyer cares about. */
  outcome: string;
  /** The day-to-day win for a manager or practitioner. */
  practical: string;
}

/** Vocabulary by industry (from @gardenos/lead-features); an industry without an entry gets `GENERIC_INDUSTRY`. */
export const INDUSTRY_TEXT: Partial<Record<Industry, IndustryText>> = {
  government: {
    noun: "the public sector",
    peers: "public sector organisations",
    pains: ["meeting strict procurement rules", "modernising services for residents", "working within fixed budgets"],
    outcome: "service quality for residents and value for public money",
    practical: "less paperwork and clearer reporting",
  },
  nonprofit: {
    noun: "the non-profit sector",
    peers: "non-profit organisations",
    pains: ["keeping donors engaged beyond the first gift", "reporting impact to funders", "doing a lot with a small team"],
    outcome: "donor retention and programme impact",
    practical: "less time on admin and more time for the mission",
  },
  healthcare: {
    noun: "healthcare",
    peers: "healthcare providers",
    pains: ["keeping patient data secure", "reducing the administrative load on clinical staff", "improving the patient experience"],
    outcome: "patient outcomes and operating costs",
    practical: "fewer admin hours pulled away from patient care",
  },
  education: {
    noun: "education",
    peers: "schools, universities and education providers",
    pains: ["keeping students engaged", "reducing the administrative workload on staff", "making the most of tight budgets"],
    outcome: "student outcomes and enrolment",
    practical: "more time for teaching and less for admin",
  },
  finance: {
    noun: "financial services",
    peers: "banks, insurers and financial services firms",
    pains: ["staying on top of regulatory compliance", "onboarding clients faster without adding risk", "modernising legacy systems"],
    outcome: "risk, compliance cost and client growth",
    practical: "cleaner audit trails and less manual reconciliation",
  },
  "real-estate": {
    noun: "real estate",
    peers: "property and real estate firms",
    pains: ["following up on every enquiry before it goes cold", "keeping listings up to date", "shortening the time to close"],
    outcome: "deal flow and time to close",
    practical: "fewer dropped enquiries between viewings and offers",
  },
  logistics: {
    noun: "logistics",
    peers: "logistics and supply chain operators",
    pains: ["improving on-time delivery", "giving customers reliable shipment visibility", "keeping operating costs in check"],
    outcome: "on-time performance and cost per shipment",
    practical: "fewer status-chasing e-mails and manual updates",
  },
  hospitality: {
    noun: "hospitality",
    peers: "hotels, restaurants and hospitality groups",
    pains: ["driving repeat bookings", "managing seasonal swings in demand", "turning guest feedback into action quickly"],
    outcome: "occupancy, revenue per guest and reviews",
    practical: "less admin for front-of-house teams",
  },
  retail: {
    noun: "retail and e-commerce",
    peers: "retail and e-commerce teams",
    pains: ["lifting conversion rates", "keeping inventory in step with demand", "winning repeat customers"],
    outcome: "margin, basket size and customer lifetime value",
    practical: "less time on manual merchandising and reporting",
  },
  manufacturing: {
    noun: "manufacturing",
    peers: "manufacturers",
    pains: ["reducing unplanned downtime", "getting visibility across the supply chain", "keeping quality consistent as volumes change"],
    outcome: "throughput, yield and cost per unit",
    practical: "fewer spreadsheets between the shop floor and the office",
  },
  marketing: {
    noun: "marketing and advertising",
    peers: "marketing agencies",
    pains: ["proving ROI to clients", "running many campaigns across channels at once", "protecting margins on retainers"],
    outcome: "client retention and margin per account",
    practical: "less time on reporting and more on the work clients value",
  },
  software: {
    noun: "software",
    peers: "SaaS and software companies",
    pains: ["reducing churn", "speeding up customer onboarding", "shipping the roadmap without growing headcount"],
    outcome: "net revenue retention and efficient growth",
    practical: "less manual hand-off work between sales, customer success and product",
  },
};

export const GENERIC_INDUSTRY: IndustryText = {
  noun: "",
  peers: "organisations",
  pains: ["keeping the pipeline moving", "getting more done without adding headcount", "having clear numbers to make decisions on"],
  outcome: "growth and efficiency",
  practical: "less manual work day to day",
};

// ---------------------------------------------------------------- notes

/** Topics that may be picked from the notes by keyword; the notes themselves are never quoted. */
export const NOTE_TOPICS: readonly { match: RegExp; line: (v: Voice) => string }[] = [
  {
    match: /\b(security|secure|gdpr|hipaa|soc ?2|iso ?27001|compliance|privacy|data protection)/i,
    line: (v) => `If a security review is part of your process, ${v.i} can send our security and data-protection documentation ahead of time.`,
  },
  {
    match: /\b(integrat|api\b|salesforce|hubspot|erp|sap\b|dynamics|zapier|connector|sync)/i,
    line: (v) => `${v.I} can also share how the integrations work, as that is often the first practical question.`,
  },
  {
    match: /\b(budget|cost|price|pricing|expensive|afford|discount|roi\b)/i,
    line: (v) => `Since budget usually matters at this stage, ${v.im} happy to show how teams phase the rollout to fit it.`,
  },
  {
    match: /\b(competitor|alternative|evaluat|comparing|compare|shortlist|rfp|tender|vs\.?\b|versus)/i,
    line: (v) => `If you're comparing options, ${v.i} can put together a straightforward side-by-side.`,
  },
  {
    match: /\b(timeline|deadline|urgent|asap|q[1-4]\b|quarter|end of (the )?(month|year)|go-?live|launch)/i,
    line: (v) => `If you're working to a particular timeline, let ${v.me} know and ${v.ill} plan the next steps around it.`,
  },
  {
    match: /\b(onboard|training|adoption|rollout|roll-out|implementation|migrat)/i,
    line: (v) => `${v.I} can also outline what onboarding looks like, so you know what to expect for your team.`,
  },
];

// ---------------------------------------------------------------- voice and slots

export interface Voice {
  I: string;
  i: string;
  my: string;
  me: string;
  Im: string;
  im: string;
  Id: string;
  id: string;
  Ill: string;
  ill: string;
  Ive: string;
  myself: string;
}

/** A named sender writes "I"; the default team signature writes "we". */
export const SINGULAR: Voice = { I: "I", i: "I", my: "my", me: "me", Im: "I'm", im: "I'm", Id: "I'd", id: "I'd", Ill: "I'll", ill: "I'll", Ive: "I've", myself: "myself" };
export const PLURAL: Voice = { I: "We", i: "we", my: "our", me: "us", Im: "We're", im: "we're", Id: "We'd", id: "we'd", Ill: "We'll", ill: "we'll", Ive: "We've", myself: "ourselves" };

export interface Slots {
  v: Voice;
  first: string;
  hasCo: boolean;
  /** "Acme" or "your team" */
  co: string;
  /** " at Acme" or "" */
  atCo: string;
  /** " for Acme" or " for your team" */
  forCo: string;
  /** " to Acme" or " to your team" */
  toCo: string;
  /** " like Acme" or " like yours" */
  likeCo: string;
  /** " at Acme" or " on your side" */
  atCoSide: string;
  ind: IndustryText;
  /** "demo" or "meeting" */
  meetNoun: string;
  isDemo: boolean;
  /** "trade show", "conference" … or "event" */
  eventNoun: string;
  /** "white paper", "case study" … or "guide" */
  contentNoun: string;
  /** "pricing guide", "pricing sheet" or "pricing" */
  pricingThing: string;
}

export type Line = (s: Slots) => string;

export interface KindText {
  subjects: readonly ((s: Slots) => string | null)[];
  openings: readonly Line[];
  /** Second sentence of an e-mail that follows an earlier one. */
  again: Line;
  cta: readonly Line[];
  /** Calls to action without a phone call, for `do_not_call` contacts. */
  ctaNoCall: readonly Line[];
}

const withCo = (s: Slots, prefix: string): string => (s.hasCo ? `${prefix}${s.co}` : "");
const withFirst = (s: Slots, prefix: string): string => (s.first ? `${prefix}${s.first}` : "");
const againFresh: Line = ({ v }) => `Rather than repeat ${v.myself}, here is one more angle that may be useful.`;

export const KINDS: Record<ContextKind, KindText> = {
  missed: {
    subjects: [
      () => "Sorry we missed each other",
      (s) => `Finding a better time${withFirst(s, ", ")}`,
      (s) => `Shall we reschedule the ${s.meetNoun}?`,
    ],
    openings: [
      ({ v, meetNoun }) => `Sorry we missed each other for the ${meetNoun}. These things happen, and ${v.id} still be glad to go through it with you.`,
      ({ v, meetNoun }) => `It looks like the ${meetNoun} didn't work out this time, and that's no problem at all. ${v.Id} still like to show you what ${v.i} had prepared.`,
      ({ meetNoun, atCoSide }) => `Calendars have a way of filling up, so no worries that the ${meetNoun} didn't happen. Things are clearly busy${atCoSide}.`,
    ],
    again: ({ v }) => `${v.Id} still be glad to find a time that suits you better.`,
    cta: [
      ({ v, meetNoun }) => `Could you reply with two or three times that work for you next week? ${v.Ill} send a fresh invite for the ${meetNoun} straight away.`,
      ({ v }) => `If a shorter slot is easier, a 15-minute call is plenty to cover the essentials. Just reply with a time and ${v.ill} make it work.`,
    ],
    ctaNoCall: [
      ({ v, meetNoun }) => `Could you reply with two or three times that work for you next week? ${v.Ill} send a fresh invite for the ${meetNoun} straight away.`,
      ({ v }) => `If finding a slot is hard right now, ${v.i} can send a short recorded walkthrough instead. Just reply and let ${v.me} know.`,
    ],
  },
  upcoming: {
    subjects: [
      (s) => `Looking forward to our ${s.meetNoun}`,
      (s) => `Ahead of our ${s.meetNoun}${withCo(s, " with ")}`,
      (s) => `${s.first ? `${s.first}, a` : "A"} quick note before we meet`,
    ],
    openings: [
      ({ v, meetNoun }) => `${v.Im} looking forward to our ${meetNoun}. To make the most of the time, ${v.i} want to shape it around what matters most to you.`,
      ({ v, meetNoun, atCoSide }) => `Thanks for booking the ${meetNoun}. Ahead of it, ${v.i} wanted to make sure it is tailored to what's happening${atCoSide}.`,
      ({ v, meetNoun }) => `Just a short note ahead of our ${meetNoun}, so ${v.i} can come prepared and keep it useful.`,
    ],
    again: () => `Just a quick note before we meet.`,
    cta: [
      ({ v }) => `If there's anything specific you'd like covered, or anyone else you'd like to bring along, just reply and let ${v.me} know.`,
      ({ v }) => `Is there one question you'd most like answered by the end of it? A one-line reply helps ${v.me} prepare.`,
    ],
    ctaNoCall: [
      ({ v }) => `If there's anything specific you'd like covered, or anyone else you'd like to bring along, just reply and let ${v.me} know.`,
      ({ v }) => `Is there one question you'd most like answered by the end of it? A one-line reply helps ${v.me} prepare.`,
    ],
  },
  meeting_request: {
    subjects: [
      (s) => `Finding a time that works${withFirst(s, ", ")}`,
      (s) => (s.isDemo ? `Scheduling your demo${withCo(s, " for ")}` : `Scheduling our meeting${withCo(s, " with ")}`),
      () => "Let's get something in the diary",
    ],
    openings: [
      ({ v, isDemo }) => `Thanks for reaching out about ${isDemo ? "a demo" : "a meeting"}. ${v.Id} be glad to set it up.`,
      ({ v, isDemo, toCo }) => `Thanks for your interest in ${isDemo ? "a demo" : "a conversation"}. ${v.Id} like to make sure the time is spent on what matters most${toCo}.`,
      ({ v, isDemo }) => `Great to hear you'd like to ${isDemo ? "see a demo" : "meet"}. ${v.Ill} keep it focused and practical.`,
    ],
    again: ({ v }) => `${v.Id} still be glad to find a time that suits you.`,
    cta: [
      ({ isDemo }) => `Could you reply with two or three times that suit you next week? ${isDemo ? "A 30-minute session" : "A 30-minute call"} is usually plenty.`,
      ({ v }) => `What days work best for you next week? ${v.Ill} send an invite straight away, and a short call is fine if that's easier.`,
    ],
    ctaNoCall: [
      ({ v }) => `Could you reply with two or three times that suit you next week? ${v.Ill} send a meeting invite straight away.`,
      ({ v }) => `If you'd prefer, ${v.i} can also send a recorded walkthrough first, so you can decide whether a meeting is worthwhile. Just reply and let ${v.me} know.`,
    ],
  },
  demo_done: {
    subjects: [
      () => "Next steps after your demo",
      (s) => `Following up on the demo${withCo(s, " for ")}`,
      (s) => (s.first ? `${s.first}, a few thoughts after the demo` : "A few thoughts after the demo"),
      (s) => `Your demo recap${withCo(s, " for ")}`,
    ],
    openings: [
      ({ v, atCo }) => `Thank you for taking the time to join the demo. ${v.I} hope it gave you a clear picture of how this could work${atCo}.`,
      ({ atCoSide }) => `Thanks again for the demo. It was great to walk through the platform with you and hear how things work${atCoSide} today.`,
      ({ v, ind }) =>
        `${v.I} really appreciated your time in the demo. It's always useful to see the product through the eyes of ${ind.noun ? `a team in ${ind.noun}` : "a new team"}.`,
    ],
    again: ({ v }) => `${v.I} know the days after a demo fill up quickly, so ${v.ill} keep this one short.`,
    cta: [
      () => `Would a 20-minute follow-up call next week work to go through any open questions and agree on next steps?`,
      () => `What would be the most useful next step for you: a trial set up around your own data, or a short call with the colleagues who would be involved?`,
      ({ v }) => `If it helps, ${v.id} be happy to set up a short call with anyone else who should see it, or share a trial workspace so your team can try it hands-on.`,
    ],
    ctaNoCall: [
      ({ v }) => `If any questions came up afterwards, just reply to this e-mail and ${v.ill} answer them in writing. ${v.I} can also send a short written summary of what we covered to share with colleagues.`,
      ({ v }) => `What would be the most useful next step for you: a trial set up around your own data, or a written summary you can share internally? Just reply here and ${v.ill} get it moving.`,
    ],
  },
  trial: {
    subjects: [
      () => "Getting the most out of your trial",
      (s) => `How is the trial going${withFirst(s, ", ")}?`,
      (s) => `A few tips for your trial${withCo(s, " at ")}`,
    ],
    openings: [
      ({ v }) => `${v.I} hope the trial is going well so far. The first few days are usually when the most useful questions come up.`,
      ({ v }) => `Thanks for starting a trial. ${v.I} wanted to share a couple of pointers so your team gets real value from it quickly.`,
      ({ v }) => `Now that you've had a chance to try things out during the trial, ${v.id} love to hear what has worked well and what hasn't.`,
    ],
    again: () => `Hopefully you've had a chance to explore a bit more since then.`,
    cta: [
      () => `Would a short call help to set things up around your own workflows? Twenty minutes is usually enough to get the essentials in place.`,
      ({ v }) => `If you reply with what you're hoping to achieve during the trial, ${v.ill} suggest the two or three features worth trying first, or we can go through them together on a quick call.`,
    ],
    ctaNoCall: [
      ({ v }) => `If you reply with what you're hoping to achieve during the trial, ${v.ill} suggest the two or three features worth trying first.`,
      ({ v }) => `Just reply here with any questions as you go, and ${v.ill} get back to you quickly.`,
    ],
  },
  proposal: {
    subjects: [
      (s) => `Your proposal${withCo(s, " for ")}: any questions?`,
      () => "Checking in on the proposal",
      (s) => `Next steps on the proposal${withCo(s, " for ")}`,
    ],
    openings: [
      ({ v, forCo }) => `${v.I} wanted to check in on the proposal ${v.i} sent over and see whether it matches what you had in mind${forCo}.`,
      ({ v }) => `Thanks for taking the time to look at the proposal. These decisions usually involve a few people, so ${v.i} wanted to make that part easier.`,
      ({ v }) => `Now that the proposal is with you, ${v.i} wanted to check whether anything needs adjusting before it goes further.`,
    ],
    again: ({ v }) => `${v.I} imagine the proposal is still making its way around, so here is one more angle that may help.`,
    cta: [
      ({ v }) => `Is there anything in the proposal you'd like changed, or anyone else who should review it? ${v.Im} happy to walk your colleagues through it on a short call.`,
      () => `Would it help to set up a 15-minute call to go through any questions and agree on a timeline?`,
    ],
    ctaNoCall: [
      ({ v }) => `Is there anything in the proposal you'd like changed, or anyone else who should review it? Just reply here and ${v.ill} send an updated version.`,
      ({ v }) => `If questions come up as you review it, reply to this e-mail and ${v.ill} answer them in writing, so you have everything in one place.`,
    ],
  },
  pricing: {
    subjects: [
      () => "Your questions on pricing",
      (s) => `Making sense of pricing${withCo(s, " for ")}`,
      (s) => (s.first ? `${s.first}, a quick note on pricing` : "A quick note on pricing"),
    ],
    openings: [
      ({ v, pricingThing }) => `${v.I} saw you took a look at our ${pricingThing}, so ${v.i} wanted to make sure you have everything you need to compare options.`,
      ({ pricingThing, forCo }) => `Thanks for your interest in our ${pricingThing}. Pricing pages only tell part of the story, so here is a bit of context${forCo}.`,
      ({ v, likeCo }) => `Since you've been looking at pricing, ${v.i} thought it might help to explain how teams${likeCo} usually choose a plan.`,
    ],
    again: ({ v }) => `${v.I} imagine the numbers are still being weighed up, so here is one more angle that may help.`,
    cta: [
      ({ v }) => `If you share a rough idea of team size and what you need most, ${v.ill} put together a tailored quote. Or, if it's easier, we can go through the options together on a 15-minute call.`,
      () => `Would a quick call this week help to go through the numbers for your situation?`,
    ],
    ctaNoCall: [
      ({ v }) => `If you share a rough idea of team size and what you need most, ${v.ill} reply with a tailored quote, no meeting needed.`,
      ({ v }) => `Just reply with any questions about plans or billing and ${v.ill} get back to you in writing with clear numbers.`,
    ],
  },
  webinar: {
    subjects: [
      () => "Thanks for joining the webinar",
      (s) => `Following up on the webinar${withFirst(s, ", ")}`,
      () => "A few resources after the webinar",
    ],
    openings: [
      ({ v }) => `Thanks for joining the webinar. ${v.I} hope it was a good use of your time.`,
      ({ v }) => `It was great to have you at the webinar. Webinars only leave so much time for specifics, so ${v.i} thought ${v.id} follow up directly on how the ideas apply in practice.`,
      ({ v }) => `Thanks for signing up for the webinar. If you missed any of it, ${v.i} can send over the recording.`,
    ],
    again: againFresh,
    cta: [
      ({ atCo }) => `Would you be open to a short call to look at how this could work${atCo || " for you"}?`,
      ({ v }) => `If you'd like, ${v.i} can send the recording and slides, or we can go through the parts most relevant to you on a 15-minute call.`,
    ],
    ctaNoCall: [
      ({ v }) => `If you'd like, ${v.i} can send the recording and slides. Just reply to this e-mail with any questions.`,
      ({ v }) => `Just reply with the topic that was most relevant to you and ${v.ill} send over a few practical examples.`,
    ],
  },
  event: {
    subjects: [
      (s) => `Great to meet you${withFirst(s, ", ")}`,
      (s) => `Following up from the ${s.eventNoun}`,
      (s) => `Picking up our conversation from the ${s.eventNoun}`,
    ],
    openings: [
      ({ v, eventNoun, atCo }) => `It was great to meet you at the ${eventNoun}. ${v.I} enjoyed hearing about what you're working on${atCo} and wanted to follow up while it's still fresh.`,
      ({ v, eventNoun }) => `Thanks for taking the time to talk at the ${eventNoun}. These events are always busy, so ${v.i} wanted to follow up while our conversation is still fresh.`,
      ({ v, eventNoun }) => `Good to connect at the ${eventNoun}. ${v.I} wanted to pick up where we left off.`,
    ],
    again: againFresh,
    cta: [
      () => `Would you be up for a short call in the next week or two to continue the conversation?`,
      ({ v, forCo }) => `If it's useful, ${v.i} can set up a 20-minute call to show how this would work${forCo} in practice.`,
    ],
    ctaNoCall: [
      ({ v, forCo }) => `If it's useful, ${v.i} can send over a short overview tailored${forCo}. Just reply and let ${v.me} know.`,
      ({ v }) => `Just reply with the one or two topics that matter most right now and ${v.ill} send over some practical examples.`,
    ],
  },
  content: {
    subjects: [
      (s) => `Did the ${s.contentNoun} help${withFirst(s, ", ")}?`,
      (s) => `Following up on the ${s.contentNoun}`,
      (s) => `Putting the ${s.contentNoun} into practice${withCo(s, " at ")}`,
    ],
    openings: [
      ({ v, contentNoun }) => `Thanks for downloading our ${contentNoun}. ${v.I} hope it was useful.`,
      ({ v, contentNoun }) => `${v.I} saw you picked up our ${contentNoun} and wanted to share one or two ideas that tend to help when putting it into practice.`,
      ({ v, contentNoun, atCo }) => `Thanks for grabbing the ${contentNoun}. Reading is one thing and applying it${atCo} is another, so ${v.i} wanted to offer a hand.`,
    ],
    again: againFresh,
    cta: [
      ({ v }) => `If it would help, ${v.i} can walk you through how other teams have applied it on a short call.`,
      ({ toCo }) => `Would a quick call be helpful to discuss how this applies${toCo}?`,
    ],
    ctaNoCall: [
      ({ v }) => `If you'd like more on this, just reply and ${v.ill} send over a couple of case studies from similar organisations.`,
      ({ v, contentNoun }) => `Just reply with any questions the ${contentNoun} raised and ${v.ill} answer them by e-mail.`,
    ],
  },
  no_response: {
    subjects: [
      (s) => `Is this still a priority${withCo(s, " for ")}?`,
      (s) => `Should ${s.v.i.toLowerCase()} close the loop${withFirst(s, ", ")}?`,
      () => "Still on your radar?",
      (s) => `One last idea${withCo(s, " for ")}`,
    ],
    openings: [
      ({ v }) => `${v.I} haven't heard back, so ${v.i} wanted to check whether this is still on your radar.`,
      ({ v }) => `Inboxes get busy, so here's a short nudge in case ${v.my} last message got buried.`,
      ({ v }) => `It's been a little while since ${v.my} last note, so ${v.i} thought ${v.id} check in briefly.`,
    ],
    again: () => `Things clearly get busy, so this is just a short nudge.`,
    cta: [
      ({ v }) => `If now isn't the right time, just let ${v.me} know and ${v.ill} stop following up. Otherwise, would a quick 15-minute call next week make sense?`,
      ({ forCo }) => `Is this still a priority${forCo}? A one-line reply is plenty, even if it's "not now".`,
    ],
    ctaNoCall: [
      ({ v }) => `If now isn't the right time, just let ${v.me} know and ${v.ill} stop following up. Otherwise, a one-line reply is plenty to pick things up again.`,
      ({ forCo }) => `Is this still a priority${forCo}? A one-line reply is plenty, even if it's "not now".`,
    ],
  },
  conversation: {
    subjects: [
      (s) => `Thanks for your time${withFirst(s, ", ")}`,
      () => "Following up on our conversation",
      (s) => `Next steps${withCo(s, " for ")}`,
    ],
    openings: [
      ({ atCoSide }) => `Thanks for taking the time to talk. It was really useful to hear how things work${atCoSide}.`,
      ({ v }) => `Thanks again for the conversation. ${v.I} wanted to follow up while it's fresh and suggest a next step.`,
      ({ v }) => `It was great to speak with you. ${v.I} came away with a much clearer picture of your priorities.`,
    ],
    again: againFresh,
    cta: [
      () => `Would it make sense to schedule a follow-up call with anyone else who should be involved?`,
      ({ v }) => `What would be the most useful next step for you: a tailored demo, or a short proposal ${v.i} can put together based on what we discussed?`,
    ],
    ctaNoCall: [
      ({ v }) => `What would be the most useful next step for you: a short written proposal, or a recorded walkthrough you can share with colleagues? Just reply and ${v.ill} prepare it.`,
      ({ v }) => `If it helps, ${v.i} can put what we discussed into a short written summary for your colleagues. Just reply and let ${v.me} know.`,
    ],
  },
  generic: {
    subjects: [
      (s) => `A quick follow-up${withFirst(s, ", ")}`,
      (s) => (s.hasCo ? `A few ideas for ${s.co}` : "A few ideas for your team"),
      (s) => `Next steps${withCo(s, " with ")}`,
    ],
    openings: [
      ({ v, hasCo, co }) => `${v.I} wanted to follow up ${hasCo ? `and share a few ideas for ${co}` : "with a few ideas that may be useful"}.`,
      ({ v, ind, toCo }) => `${v.Im} reaching out because ${v.i} work with a number of ${ind.peers}, and a few of the challenges they share seemed relevant${toCo}.`,
      ({ v, hasCo, co }) => `Thanks for your interest. ${v.I} wanted to get in touch personally to see whether ${v.i} can help${hasCo ? ` ${co}` : ""}.`,
    ],
    again: againFresh,
    cta: [
      () => `Would a short call next week be useful to see whether there's a fit?`,
      () => `If this sounds relevant, just reply with a good time for a 15-minute call, or with any questions you have.`,
    ],
    ctaNoCall: [
      ({ v }) => `If this sounds relevant, just reply to this e-mail with any questions and ${v.ill} follow up in writing.`,
      ({ v, forCo }) => `Would it be useful if ${v.i} sent over a short overview tailored${forCo}? A quick reply is all it takes.`,
    ],
  },
};

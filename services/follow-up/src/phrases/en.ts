import { GENERIC_INDUSTRY, INDUSTRIES } from "./industries.js";
import type { Phrasebook, Slots } from "./types.js";

/** English. Sentences answer what the context named; none of them states a product fact it cannot know. */

const co = (s: Slots, prefix: string, fallback = "") => (s.hasCo ? `${prefix}${s.co}` : fallback);
const first = (s: Slots, prefix: string) => (s.first ? `${prefix}${s.first}` : "");
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
/** Where the question was asked, when the context says: " at the webinar". */
const src = (s: Slots) => (s.flavor === "webinar" || s.flavor === "event" ? ` at ${s.flavorName}` : "");
const fy = (s: Slots) => (s.fiscal ? ", once your new fiscal year has started" : "");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export const EN: Phrasebook = {
  lang: "en",
  defaultSender: "The GardenOS team",
  greetings: [(n) => `Hi ${n},`, (n) => `Hello ${n},`, (n) => `Hi ${n},`],
  greetingsAnonymous: ["Hi there,", "Hello there,"],
  signoffs: ["Best regards,", "Kind regards,", "All the best,", "Many thanks,"],
  list: (items) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`),
  complaintAbout: (list, s) => `${s.v.Im} looking into what happened with ${list}, and ${s.v.ill} tell you what ${s.v.i} find.`,
  months: MONTHS,
  weekdays: WEEKDAYS,
  when: ({ weekday, next, date, month, time, tz, relative }) => {
    if (month && !weekday && !date) return { at: `in ${month}`, bare: month };
    const rel = relative ? { tomorrow: "tomorrow", next_week: "next week", end_of_month: "the end of the month", end_of_week: "the end of the week", end_of_next_week: "the end of next week", end_of_year: "the end of the year" }[relative] : "";
    const day = [weekday ? `${next ? "next " : ""}${weekday}` : "", date ?? ""].filter(Boolean).join(", ") || rel;
    const clock = time ? `${time}${tz ? ` ${tz}` : ""}` : "";
    const bare = [day, clock].filter(Boolean).join(" at ");
    const at = !day ? (clock ? `at ${clock}` : "") : next || relative === "tomorrow" || relative === "next_week" ? bare : relative ? `by ${bare}` : `on ${bare}`;
    return { at, bare };
  },
  date: (d, m) => `${d} ${MONTHS[m - 1]}`,
  time: (h, m) => `${h % 12 === 0 ? 12 : h % 12}${m ? `:${String(m).padStart(2, "0")}` : ""}${h < 12 ? "am" : "pm"}`,
  migrationOf: (name) => `the ${name} migration`,
  meetNouns: { demo: "demo", meeting: "meeting", call: "call" },
  flavorNouns: { webinar: "the webinar", event: "the event", content: "our guide", trial: "the trial", form: "your enquiry", referral: "the introduction", generic: "" },
  lastThings: { proposal: "the proposal", contract: "the contract", pricing: "the pricing", webinar: "the webinar", case_study: "the case study", case_studies: "the case studies", demo: "the demo", event: "the event", trial: "the trial" },
  stages: {
    first_touch: {
      subjects: [(s, t) => (t ? `${t}: a few ideas${co(s, " for ")}` : `A few ideas${co(s, " for ")}`), (s) => `A quick hello${first(s, ", ")}`, (s, t) => (t ? `Following up on ${t}` : `Next steps${co(s, " with ")}`)],
      openings: [
        (s) => ({ webinar: `Thanks for joining ${s.flavorName}. I hope it was a good use of your time.`, event: `It was great to meet you at ${s.flavorName}, and thanks for stopping by.`, content: `Thanks for downloading ${s.flavorName}. ${s.v.I} hope it was useful.`, trial: s.idle ? `${s.v.I} noticed you haven't had a chance to log in to the trial yet, so ${s.v.i} wanted to make getting started easy.` : `${s.v.I} hope the trial is going well so far.`, form: `Thanks for getting in touch${co(s, " on behalf of ")}.`, referral: s.referrer ? `${s.referrer} suggested ${s.v.i} get in touch, and ${s.v.id} be glad to see whether ${s.v.i} can help.` : `Thanks for the introduction, and for taking the time to hear about what ${s.v.i} do.`, generic: `${s.v.I} wanted to reach out personally to see whether ${s.v.i} can help${co(s, " ")}.` })[s.flavor],
        (s) => ({ webinar: `It was good to have you at ${s.flavorName}. Webinars leave little time for specifics, so here is a more personal follow-up.`, event: `Thanks for taking the time to talk at ${s.flavorName}; ${s.v.i} wanted to follow up while it is still fresh.`, content: `${s.v.I} saw you picked up ${s.flavorName} and wanted to share how teams put it into practice.`, trial: s.idle ? `Thanks for signing up for the trial. Getting started is often the hardest part, so ${s.v.i} can set up the account with you in a short call, or send a two-minute walkthrough.` : `Thanks for starting a trial. The first few days are usually when the most useful questions come up.`, form: `Thanks for your enquiry${co(s, " from ")}. ${s.v.Id} be glad to help.`, referral: s.referrer ? `${s.v.Im} writing at ${s.referrer}'s suggestion. ${s.v.Id} be glad to see whether ${s.v.i} can help.` : `Thanks for the introduction. ${s.v.Id} be glad to see whether ${s.v.i} can help.`, generic: `${s.v.Im} getting in touch because ${s.v.i} work with a number of ${s.ind.peers}, and some of what they tell us may be relevant${co(s, " to ")}.` })[s.flavor],
      ],
      cta: [() => `Would a short call next week be useful to see whether there's a fit?`, (s) => `If this sounds relevant, just reply with a good time for a 15-minute call, or with any questions${co(s, " you have at ")}.`],
      ctaNoCall: [(s) => `If this sounds relevant, just reply with any questions and ${s.v.ill} answer them in writing.`, (s) => `Would it help if ${s.v.i} sent over a short overview tailored${co(s, " to ", " to your team")}? A one-line reply is all it takes.`],
    },
    no_reply: {
      subjects: [(s) => `Is this still a priority${co(s, " for ")}?`, () => "Still on your radar?", (s, t) => (t ? `Following up on ${t}` : `Checking in${first(s, ", ")}`)],
      openings: [
        (s) => (s.missed ? `Sorry we missed each other for the ${s.meetNoun}. These things happen, and ${s.v.id} still be glad to go through it with you.` : `${s.v.I} haven't heard back since ${s.lastThing || `${s.v.my} last note`}, so ${s.v.i} wanted to check whether this is still on your radar.`),
        (s) => (s.missed ? `It looks like the ${s.meetNoun} didn't work out this time, and that's no problem at all.` : `Inboxes get busy, so here's a short nudge about ${s.lastThing || `${s.v.my} last message`} in case it got buried.`),
        (s) => (s.missed ? `Calendars have a way of filling up, so no worries that the ${s.meetNoun} didn't happen.` : `It's been a little while since ${s.lastThing || `${s.v.my} last note`}, so ${s.v.i} thought ${s.v.id} check in briefly.`),
      ],
      cta: [
        (s) => (s.missed ? `Could you reply with two or three times that work for you next week? ${s.v.Ill} send a fresh invite straight away.` : `If now isn't the right time, just let ${s.v.me} know and ${s.v.ill} stop following up. Otherwise, would a quick 15-minute call next week make sense?`),
        (s) => (s.missed ? `If a shorter slot is easier, 15 minutes is plenty to cover the essentials. Just reply with a time and ${s.v.ill} make it work.` : `Is this still a priority${co(s, " for ")}? A one-line reply is plenty, even if it's "not now".`),
      ],
      ctaNoCall: [
        (s) => (s.missed ? `Could you reply with two or three times that work for you next week? ${s.v.Ill} send a fresh invite straight away.` : `If now isn't the right time, just let ${s.v.me} know and ${s.v.ill} stop following up. Otherwise, a one-line reply is plenty to pick things up again.`),
        (s) => `Is this still a priority${co(s, " for ")}? A one-line reply is plenty, even if it's "not now".`,
      ],
    },
    demo_requested: {
      subjects: [(s) => `Your demo${co(s, " for ")}`, (s, t) => (t ? `Your demo: ${t}` : `Scheduling your demo${first(s, ", ")}`), () => "Let's find a slot for your demo"],
      openings: [(s) => `Thanks for asking for a demo${co(s, " for ")}. ${s.v.Id} be glad to set it up.`, (s) => `Great to hear you'd like to see a demo. ${s.v.Ill} keep it focused on what matters most${co(s, " to ")}.`, (s) => `Thank you for your interest in a demo. ${s.v.Id} like to make sure the time is spent on what matters to you.`],
      cta: [(s) => `Could you reply with two or three times that suit you${s.askWhen ? ` ${s.askWhen}` : " next week"}? A 30-minute session is usually plenty.`, (s) => `Which days work best for you${s.askWhen ? ` ${s.askWhen}` : " next week"}? ${s.v.Ill} send an invite straight away.`],
      ctaNoCall: [(s) => `Could you reply with two or three times that suit you${s.askWhen ? ` ${s.askWhen}` : " next week"}? ${s.v.Ill} send an invite for an online session straight away.`, (s) => `If you'd prefer, ${s.v.i} can also send a recorded walkthrough first. Just reply and let ${s.v.me} know.`],
    },
    demo_done: {
      subjects: [(s, t) => (t ? `After the demo: ${t}` : "Next steps after your demo"), (s) => `Following up on the demo${co(s, " for ")}`, (s) => (s.first ? `${s.first}, a few thoughts after the demo` : "A few thoughts after the demo")],
      openings: [(s) => `Thank you for your time in the demo. ${s.v.I} hope it gave you a clear picture of how this could work${co(s, " at ")}.`, (s) => `Thanks again for the demo. It was great to walk through the platform with you and hear how things work${co(s, " at ", " on your side")} today.`, (s) => `${s.v.I} really appreciated your time in the demo, and the questions that came up.`],
      cta: [() => `Would a 20-minute follow-up call next week work to go through the open points and agree on next steps?`, () => `What would be the most useful next step for you: a trial workspace set up around your own data, or a short session with the colleagues who would be involved?`],
      ctaNoCall: [(s) => `If more questions come up, just reply to this e-mail and ${s.v.ill} answer them in writing.`, (s) => `What would be the most useful next step for you: a trial workspace set up around your own data, or a written summary you can share internally? Just reply here and ${s.v.ill} get it moving.`],
    },
    pricing_sent: {
      subjects: [(s) => `Your proposal${co(s, " for ")}: any questions?`, (s, t) => (t ? `${t} and next steps` : "Checking in on the proposal"), (s) => `Next steps on the proposal${co(s, " for ")}`],
      openings: [(s) => `${s.v.I} wanted to check in on ${s.lastThing || "the proposal"} ${s.v.i} sent over and see whether it matches what you had in mind${co(s, " for ")}.`, (s) => `Thanks for taking the time to look at ${s.lastThing || "the proposal"}. These decisions usually involve a few people, so ${s.v.i} wanted to make that part easier.`],
      cta: [(s) => `Is there anything you'd like changed, or anyone else who should review it? ${s.v.Im} happy to walk your colleagues through it on a short call.`, () => `Would a 15-minute call help to go through any questions and agree on a timeline?`],
      ctaNoCall: [(s) => `Is there anything you'd like changed, or anyone else who should review it? Just reply here and ${s.v.ill} send an updated version.`, (s) => `If questions come up as you review it, reply to this e-mail and ${s.v.ill} answer them in writing, so you have everything in one place.`],
    },
    objection: {
      subjects: [(s) => (s.month ? `Picking this up again in ${s.month}` : "No rush on our side"), (s) => `Thanks for the update${first(s, ", ")}`, (s) => (s.month ? `Speak again in ${s.month}${co(s, ", ")}` : `Staying in touch${co(s, " with ")}`)],
      openings: [
        (s) => (s.reason === "product" ? `Thanks for the honest feedback; it is exactly what ${s.v.i} need to hear.` : s.reason === "budget" ? `Thanks for being open about the budget${s.month ? ` until ${s.month}` : ""}. That's completely understandable, and there's no pressure from ${s.v.my} side.` : `Thanks for letting ${s.v.me} know that the timing isn't right just now${s.fiscal ? " and that things open up after your fiscal year" : ""}. That's completely understandable.`),
        (s) => (s.reason === "product" ? `Thanks for the honest feedback; it is exactly what ${s.v.i} need to hear.` : s.reason === "budget" ? `Understood that budget is tight${s.month ? ` until ${s.month}` : " at the moment"}, and thanks for saying so plainly.` : `Thanks for the update on timing${s.fiscal ? " and your fiscal year" : ""}; it helps to know where things stand.`),
      ],
      cta: [(s) => `In the meantime, if it helps your planning, ${s.v.i} can send a short written summary you can share internally. No need to reply otherwise.`, (s) => `If anything changes before then, just reply here and ${s.v.ill} pick it up straight away.`],
      ctaNoCall: [(s) => `In the meantime, if it helps your planning, ${s.v.i} can send a short written summary you can share internally. No need to reply otherwise.`, (s) => `If anything changes before then, just reply here and ${s.v.ill} pick it up straight away.`],
    },
    competitor: {
      subjects: [(s, t) => (t ? `${t}: a fair comparison` : "Comparing your options"), (s) => `Thanks for the update${first(s, ", ")}`, (s) => `Making the decision easier${co(s, " for ")}`],
      openings: [(s) => `Thanks for keeping ${s.v.me} in the loop on your evaluation${co(s, " at ")}.`, () => `Thanks for being open about where things stand; comparing options carefully is exactly the right approach.`],
      cta: [() => `Would a 20-minute call help to go through the comparison together?`, (s) => `Just reply with the two or three points that matter most, and ${s.v.ill} make sure the comparison answers them; a short call works too.`],
      ctaNoCall: [(s) => `Just reply with the two or three points that matter most, and ${s.v.ill} make sure the comparison answers them in writing.`, (s) => `If it helps, ${s.v.i} can send a written comparison you can share with your colleagues. A one-line reply is enough.`],
    },
    question: {
      subjects: [(s, t) => (t ? `Your questions on ${t}` : "Your questions"), (s, t) => (t ? `Re: ${t}` : `Answers${co(s, " for ")}`), (s) => `Following up on your questions${first(s, ", ")}`],
      openings: [(s) => `Thanks for your questions${src(s) || co(s, " from ")}. Here is where things stand.`, (s) => `Thanks for getting in touch with your questions${src(s)}. ${s.v.Id} rather give you a clear answer than a vague one, so here's what happens next.`, (s) => `Good questions${src(s)}, thank you.`],
      cta: [(s) => `Would a short call help to go through the answers together? Otherwise ${s.v.ill} follow up in writing.`, (s) => `If it's easier, ${s.v.i} can walk you through the details on a 15-minute call; just reply with a time that suits you.`],
      ctaNoCall: [(s) => `${s.v.Ill} follow up in writing with the details; just reply if anything else comes up in the meantime.`, (s) => `If anything else comes up, just reply to this e-mail and ${s.v.ill} add it to ${s.v.my} answer.`],
    },
    meeting_booked: {
      subjects: [(s) => (s.meetDay ? `Looking forward to ${s.meetDay}` : `Looking forward to our ${s.meetNoun}`), (s) => `Ahead of our ${s.meetNoun}${co(s, " with ")}`, (s) => `${s.first ? `${s.first}, a` : "A"} quick note before we meet`],
      openings: [(s) => `${s.v.Im} looking forward to our ${s.meetNoun}${s.meetWhen ? ` ${s.meetWhen}` : ""}.`, (s) => `Thanks for booking the ${s.meetNoun}${s.meetDay ? ` for ${s.meetDay}` : ""}; it's in ${s.v.my} calendar.`, (s) => `Just a short note ahead of our ${s.meetNoun}${s.meetWhen ? ` ${s.meetWhen}` : ""}, so ${s.v.i} can come prepared.`],
      cta: [(s) => `If there's anything specific you'd like covered, or anyone else you'd like to bring along, just reply and let ${s.v.me} know.`, (s) => `Is there one question you'd most like answered by the end of it? A one-line reply helps ${s.v.me} prepare.`],
      ctaNoCall: [(s) => `If there's anything specific you'd like covered, or anyone else you'd like to bring along, just reply and let ${s.v.me} know.`, (s) => `Is there one question you'd most like answered by the end of it? A one-line reply helps ${s.v.me} prepare.`],
    },
    complaint: {
      subjects: [(s, t) => (t ? `About ${t}: putting it right` : "Putting this right"), (s) => `Your feedback${co(s, " from ")}`, () => "Sorry, and what happens next"],
      openings: [
        (s) => `${s.v.Im} sorry to hear about the trouble you've had, and thank you for telling ${s.v.me} plainly. That's not the experience ${s.v.i} want${co(s, " for ", " for you")}.`,
        (s) => `Thank you for raising this, and ${s.v.im} sorry ${s.v.i} let you down. You deserved a faster and clearer response.`,
        (s) => `${s.v.I} wanted to reply personally to the concerns you raised. ${s.v.Im} sorry for the frustration this has caused.`,
      ],
      cta: [(s) => `Could we have a short call this week so ${s.v.i} can hear the details and agree on how to fix this? If you'd rather, reply here and ${s.v.ill} follow up in writing.`, (s) => `${s.v.Ill} make sure this is looked at straight away. Would a 15-minute call tomorrow suit you, or would you prefer an update by e-mail?`],
      ctaNoCall: [(s) => `${s.v.Ill} look into it straight away and send you a written update on what happened and what changes as a result. Just reply here if there's anything else ${s.v.i} should know.`, (s) => `Could you reply with anything ${s.v.i} might have missed? ${s.v.Ill} come back to you in writing with a clear plan.`],
    },
    customer: {
      subjects: [(s) => `Checking in${co(s, " with ")}`, (s) => `How things are going${co(s, " at ")}`],
      openings: [(s) => `Thanks for working with ${s.v.me}${co(s, " at ")}; ${s.v.i} wanted to check in.`, (s) => `${s.v.I} wanted to check in on how things are going${co(s, " at ")}.`],
      cta: [(s) => `Would a short health check with ${s.v.my} customer success team be useful? ${s.v.Ill} bring suggestions based on how your team uses it.`, (s) => `If it helps, ${s.v.i} can set up a short account review; just reply with a time that suits you.`],
      ctaNoCall: [(s) => `Just reply with what matters most right now, and ${s.v.ill} come back with suggestions in writing.`],
    },
    signed: {
      subjects: [(s) => `Welcome aboard${first(s, ", ")}!`, (s) => `Getting started${co(s, " with ")}`, () => "Next steps for your rollout"],
      openings: [(s) => `Thank you for your trust${co(s, ", and welcome aboard, ")}! ${s.v.Im} delighted to be working with you.`, (s) => `Welcome aboard! ${s.v.Im} really pleased ${s.hasCo ? `${s.co} is` : "you're"} on board.`, (s) => `Thanks for signing${co(s, " and for choosing us at ")}. ${s.v.I} look forward to getting started.`],
      cta: [(s) => `If there's anything you'd like ${s.v.me} to prepare before we start, just reply here.`, (s) => `${s.v.Ill} send a short plan for the first weeks; if anything should be in it, just let ${s.v.me} know.`],
      ctaNoCall: [(s) => `If there's anything you'd like ${s.v.me} to prepare before we start, just reply here.`, (s) => `${s.v.Ill} send a short plan for the first weeks; if anything should be in it, just let ${s.v.me} know.`],
    },
  },
  points: {
    security: [(l, s) => `On ${l}: ${s.v.ill} send ${s.v.my} security documentation so your team can review it ahead of time.`, (l, s) => `For ${l}, ${s.v.ill} put the details in writing, so whoever reviews security has everything in one place.`, (l, s) => `${s.v.Ill} send the documentation on ${l}, so your review can start straight away.`],
    integration: [(l, s) => `On ${l}: ${s.v.ill} send a short outline of how the integration would work with your set-up.`, (l, s) => `For ${l}, ${s.v.i} can show exactly how the integration fits into the way your team works today.`, (l, s) => `${s.v.Ill} put together a short note on ${l} and how the integration is set up.`],
    migration: [(l, s) => `On ${l}: ${s.v.ill} outline what moves over, in which order, and how long it usually takes.`, (l, s) => `For ${l}, ${s.v.i} can share a step-by-step plan, so nothing gets lost on the way.`],
    tools: [(l, s) => `Good to know your team works with ${l}; ${s.v.i} can show how this fits alongside them.`, (l, s) => `Since you already use ${l}, ${s.v.ill} make sure everything ${s.v.i} suggest works with them.`],
    cover: [(l, s) => `${s.v.Ill} make sure we cover ${l}.`, (l, s) => `${s.v.Ill} make sure ${l} ${l.includes(" and ") ? "are" : "is"} part of it.`, (l, s) => `${s.v.Ill} prepare ${l} with your use case in mind.`],
    order: [(l, s) => `${s.v.Ive} noted ${l}, and ${s.v.ill} have everything set up for the start.`, (l, s) => `${cap(l)}: all noted, and ready on ${s.v.my} side.`],
    quoteRequested: [(l, s) => `${s.v.Ill} send the quote${l ? ` for ${l}` : ""} shortly.`, (l, s) => `${s.v.Ill} prepare the quote${l ? ` for ${l}` : ""}.`],
    features: [(l, s) => `On ${l}: ${s.v.ill} send a few concrete examples of how teams use it day to day.`, (l, s) => `You mentioned ${l}; ${s.v.ill} share how similar teams have set it up.`],
    competitorEval: [(l, s) => `It makes sense to compare us with ${l}; ${s.v.i} can put together a straightforward side-by-side on the points that matter most to you.`, (l, s) => `Comparing us with ${l} is a good idea, and ${s.v.id} rather you decide on facts than on claims, so ${s.v.ill} keep any comparison factual.`],
    competitorChosen: [(l, s) => `Thanks for letting ${s.v.me} know you've gone with ${l} for now; ${s.v.i} appreciate the honesty.`, (l, s) => `Understood that you've chosen ${l} for now, and thanks for telling ${s.v.me} directly.`],
    competitorIncumbent: [(l, s) => `Since you're on ${l} today, the switch itself is usually the main question; ${s.v.i} can outline how a move from ${l} typically runs.`, (l, s) => `As you're currently using ${l}, ${s.v.ill} focus on what would actually change for your team, including the move itself.`],
    peopleThanks: [(l, s) => `Please pass on ${s.v.my} thanks to ${l} for their time.`, (l) => `It was good to have ${l} there as well.`],
    peopleJoin: [(l) => `It would be great to have ${l} there too.`, (l) => `${cap(l)} ${l.includes(" and ") ? "are" : "is"} very welcome to join.`],
    peopleContact: [(l, s) => `${s.v.Ive} noted ${l} as ${s.v.my} contact for the rollout.`, (l, s) => `${s.v.Ill} coordinate the details with ${l}.`],
    peopleInclude: [(l, s) => `${s.v.Im} happy to include ${l} in the next step.`, (l, s) => `If it helps, ${s.v.i} can prepare a short summary for ${l}.`],
    peopleDecide: [(l, s) => `${s.v.I} understand the decision sits with ${l}, so ${s.v.ill} make sure you have what you need for that conversation.`, (l, s) => `Since ${l} will have the final say, ${s.v.i} can put together a one-page summary for that discussion.`],
    question: [(l, s) => `You asked ${l}: ${s.v.ill} come back to you with a clear answer in writing.`, (l, s) => `On your question ${l}, ${s.v.ill} check the details and confirm in writing.`],
    start: [(what, when, s) => `${cap(what || "the start")}${when.at ? ` ${when.at}` : ""} works well for ${s.v.me}; ${s.v.ill} send the agenda ahead of time.`, (what, when, s) => `${s.v.Im} looking forward to ${what || "getting started"}${when.at ? ` ${when.at}` : ""}, and ${s.v.ill} have everything ready.`],
    deadline: [(what, when, s) => `${s.v.Ill} make sure you have everything you need ahead of ${when.bare}.`, (what, when, s) => `${s.v.Ill} have everything ready before ${when.bare}.`],
    decision: [(what, when, s) => `${s.v.Ill} make sure you have everything you need for your decision ${when.at}.`, (what, when, s) => `So that you have what you need for your decision ${when.at}, ${s.v.ill} keep things moving on ${s.v.my} side.`],
    trialEnd: [(what, when, s) => `Before your trial ends ${when.at}, ${s.v.ill} make sure you have what you need to decide.`, (what, when, s) => `As the trial runs until ${when.bare}, ${s.v.ill} get back to you well before then.`],
    paperwork: [(docs, form, s) => (form ? `${s.v.Ill} complete your vendor onboarding form${docs ? ` and send ${docs} along with it` : " and send it back promptly"}.` : `${s.v.Ill} send ${docs} straight away.`)],
    topics: {
      pricing: [(l, s) => (s.stage === "competitor" ? `Since price matters most, ${s.v.ill} make sure the comparison includes a clear cost breakdown.` : s.stage === "pricing_sent" ? `If anything in the pricing needs explaining, ${s.v.im} happy to go through it line by line.` : `On pricing: ${s.v.ill} send you the figures for your team size, so you have them in writing.`), (l, s) => (s.stage === "competitor" ? `As price is the deciding factor, ${s.v.ill} set out the costs side by side.` : `${s.v.Ill} put the pricing for your situation in writing, with nothing hidden.`)],
      price_lock: [(l, s) => `On a price lock: ${s.v.ill} check what ${s.v.i} can commit to and put it in writing.`, (l, s) => `${s.v.Ive} noted that you'd like the price locked in; ${s.v.ill} come back to you with what ${s.v.i} can guarantee, in writing.`],
      currency: [(l, s) => `${cap(l)} is noted; ${s.v.ill} confirm it in writing along with the pricing.`],
      support: [(l, s) => (s.stage === "complaint" ? "" : `On support: ${s.v.ill} send you how it works, with response times in writing.`)],
      pilot_done: [() => "Glad to hear the pilot went well.", () => "It's great that the pilot went so well."],
      rollout: [(l, s) => `For the rollout, ${s.v.ill} draft a plan with the phases, owners and timeline, so you can see how it scales.`],
      ease_of_use: [(l, s) => `On ease of use: ${s.v.ill} show how your team would do its everyday tasks in a few clicks, so you can judge for yourself whether it's simpler.`],
      payment_terms: [(l, s) => `On ${l}: ${s.v.ill} check what ${s.v.i} can offer and confirm it in writing.`],
      partner_program: [(l, s) => `On the partner programme: ${s.v.ill} send the reseller and white-label terms, with partner margins and co-branding options.`],
      deck: [(l, s) => `${s.v.Ill} send ${l} you can keep for reference.`],
      forward: [(l, s) => `${s.v.Ill} send a short summary you can forward as it is.`],
      price_ceiling: [(l, s) => `${s.v.Ill} check honestly whether ${l} can work for you, and tell you if it can't.`],
      recording: [(l, s) => `${s.v.Ill} send you the recording.`],
      advocacy: [(l, s) => (s.stage === "customer" ? `And since things are going well: would you be open to being a reference, or to a short case study? Only if it suits you.` : "")],
      sla: [(l, s) => `On the SLA: ${s.v.ill} send you the uptime commitment and support response times in writing.`],
      discount: [(l, s) => `On the discount${l ? ` for ${l}` : ""}: ${s.v.ill} check what is possible and come back to you in writing.`, (l, s) => `${s.v.Ive} noted your request for a discount${l ? ` on ${l}` : ""}; ${s.v.ill} get back to you with what ${s.v.i} can do.`],
      reorg: [(l, s) => `${s.v.I} understand the reorganisation comes first; once it has settled, the timing should suit you much better.`, (l, s) => `Good luck with the reorganisation; ${s.v.ill} keep things simple so there's nothing extra on your plate until then.`],
      budget: [(l, s) => `${s.v.I} understand budget is a consideration; ${s.v.i} can show how teams phase the rollout to fit it.`],
      roi: [(l, s) => `${s.v.I} can also put together an ROI estimate based on your own numbers.`, (l, s) => `An ROI estimate built on your own figures might help here, and ${s.v.id} be glad to prepare one.`],
      references: [(l, s) => `${s.v.Ill} line up customer references from organisations like yours.`],
      rfp: [(l, s) => `${s.v.Ill} make sure our response to the RFP is complete and on time.`],
      case_studies: [(l, s) => `${s.v.Ill} send over a few case studies from organisations similar to yours.`, (l, s) => `${s.v.I} have case studies from comparable teams and ${s.v.ill} send the most relevant ones.`],
      case_study: [(l, s) => `Did the case study raise any questions? ${s.v.Id} be glad to answer them.`, () => `If the case study was useful, there are a few more like it.`],
      contract: [(l, s) => (s.stage === "signed" ? "" : `On the contract: ${s.v.ill} go through your comments quickly so it can be finalised.`), (l, s) => (s.stage === "signed" ? "" : `${s.v.Ill} turn the contract comments around quickly on ${s.v.my} side.`)],
      nonprofit: [(l, s) => `On non-profit pricing: ${s.v.ill} send you the details of ${s.v.my} non-profit terms.`, (l, s) => `${s.v.I} can share ${s.v.my} non-profit pricing, which is set up for organisations like yours.`],
      migration: [(l, s) => `On the data migration: ${s.v.ill} outline how it usually runs and how long it takes.`, (l, s) => `For the data migration, ${s.v.i} can share a step-by-step plan so nothing gets lost.`],
      onboarding: [(l, s) => `For onboarding, ${s.v.ill} send a short plan so your team knows what to expect.`],
      pilot: [(l, s) => `${s.v.Ill} make sure the pilot is set up so you can judge the results quickly.`],
      trial: [(l, s) => (s.stage === "first_touch" ? "" : s.stage === "question" ? `On a trial: ${s.v.ill} confirm in writing what is possible for your team and how to get started.` : `${s.v.Ill} make sure you get the most out of the trial.`)],
    },
  },
  reconnect: [(s) => `${s.v.Ill} get back in touch at the beginning of ${s.month}${fy(s)}, so nothing gets lost in the meantime.`, (s) => `${s.v.Ive} made a note to pick this up again in ${s.month}${fy(s)}.`, (s) => `${s.v.Ill} check in again in ${s.month}${fy(s)}, when it should fit better on your side.`],
  askedSlot: [(s) => `Shall we hold ${s.askWhen} for it? Just confirm and ${s.v.ill} send the invite straight away; if that slot no longer suits you, reply with another.`, (s) => `${s.v.Ill} pencil in ${s.askWhen} as you suggested and send an invite; if anything changes, just reply with a time that works better.`],
  reconnectNoMonth: [(s) => (s.reason === "product" ? `${s.v.Ill} pass it on to ${s.v.my} product team and let you know when there is news on it.` : `${s.v.Ill} check back in a few months, or whenever suits you better; just let ${s.v.me} know.`)],
  again: [(s) => `Following up on ${s.v.my} note${s.priorDay ? ` of ${s.priorDay}` : ""}${s.priorSubject ? ` about "${s.priorSubject}"` : ""}.`, (s) => `${s.v.I} wanted to come back to ${s.v.my} e-mail${s.priorDay ? ` of ${s.priorDay}` : ""}${s.priorSubject ? ` about "${s.priorSubject}"` : ""}, in case it got buried.`],
  lostClose: [(s) => `If anything changes, or you'd like a second opinion later on, just reply to this e-mail; no need to answer otherwise.`],
  lostSubjects: [(s) => `Thanks for letting us know${s.first ? `, ${s.first}` : ""}`],
  webinarMissed: [(s) => `Sorry we missed you at ${s.flavorName}; ${s.v.ill} send you the recording so you can watch it when it suits you.`],
  referredBy: [(s) => `Thanks to ${s.referrer} for the introduction.`],
  theirMove: [(what, when, s) => `${s.v.I} look forward to hearing from you ${when.at}; if questions come up before then, just reply to this e-mail.`, (what, when, s) => `No need to reply before then: ${s.v.i} look forward to hearing from you ${when.at}, and if anything comes up in the meantime, just reply here.`],
  followUpAfter: [(what, when, s) => `${s.v.Ill} check back after ${when.bare}, once you've had the chance to talk it over.`, (what, when, s) => `${s.v.Ill} give you time to discuss it and check back after ${when.bare}.`],
  prefers: { morning: (s) => `Mornings work well for ${s.v.me}, since they suit you best.`, afternoon: (s) => `Afternoons work well for ${s.v.me}, since they suit you best.`, evening: (s) => `The end of the day works for ${s.v.me} too, since it suits you best.` },
  windDown: [(s) => `${s.v.Ive} been in touch a few times now, so if the timing isn't right, just say so and ${s.v.ill} close the loop on ${s.v.my} side.`],
  industries: INDUSTRIES.en,
  genericIndustry: GENERIC_INDUSTRY.en,
  industryLines: [
    (s, [p1, p2]) => (s.ind.noun ? `Working in ${s.ind.noun}, ${s.hasCo ? s.co : "your team"} is probably balancing ${p1} with ${p2}.` : `Like most ${s.ind.peers}, ${s.hasCo ? s.co : "your team"} is probably balancing ${p1} with ${p2}.`),
    (s, [p1, p2]) => `For ${s.ind.peers}${s.hasCo ? ` like ${s.co}` : ""}, ${p1} and ${p2} are usually where most of the effort goes.`,
    (s, [p1, p2]) => `Most ${s.ind.peers} ${s.v.i} speak with put ${p1} near the top of the list, closely followed by ${p2}.`,
    (s, [p1, p2]) => `In our experience, ${s.ind.peers} get the most out of this when it helps with ${p1} and ${p2}.`,
    (s, [p1, p2]) => `What ${s.v.i} hear most often from ${s.ind.peers} is the pressure of ${p1}, and of ${p2}.`,
    (s, [p1, p2]) => `${s.hasCo ? `At a company like ${s.co}` : "In teams like yours"}, ${p1} tends to compete for attention with ${p2}.`,
    (s, [p1, p2]) => `${s.hasCo ? `For ${s.co}` : "For your team"}, ${p1} and ${p2} are probably on this quarter's list already.`,
    (s, [p1, p2]) => `Two things come up in almost every conversation ${s.v.i} have with ${s.ind.peers}: ${p1}, and ${p2}.`,
  ],
  sizeLines: {
    small: [(n) => `With ${n ? `around ${n} people` : "a lean team"}, every hour of manual work is felt across the whole business.`, (n) => `In a team of ${n ? `about ${n}` : "your size"}, nobody has time to spare for copy-and-paste work.`],
    mid: [(n) => `With ${n ? `around ${n} people` : "a mid-sized team"}, you're likely at the stage where processes that worked at a smaller size start to show the strain.`, (n) => `${n ? `At around ${n} people` : "At your size"}, what used to be solved by a quick word across the desk now needs a process.`],
    enterprise: [(n) => (n ? `With around ${n} people, consistency across teams and locations matters as much as any single tool.` : `At enterprise scale, consistency across teams and locations matters as much as any single tool.`), (n) => `${n ? `With some ${n} people` : "At your scale"}, the hard part is rarely the tool itself and usually getting every team to work the same way.`],
  },
  seniorityLines: {
    executive: [(s) => `As ${s.title}, you're probably looking at this less in terms of features and more in terms of ${s.ind.outcome}, so that's where ${s.v.id} focus.`, (s) => `From where you sit as ${s.title}, the real question is the impact on ${s.ind.outcome}, and that's what ${s.v.id} like to help you size up.`],
    leader: [(s) => `As ${s.title}, you're likely weighing ${s.ind.outcome} and how quickly a change pays off, so ${s.v.i} can put together a short business case you could share internally.`, (s) => `In your role as ${s.title}, the strategic question is usually ${s.ind.outcome}; ${s.v.im} happy to map out what the first 90 days could look like.`],
    manager: [(s) => `As ${s.title}, you're closest to the day-to-day, so the practical win is ${s.ind.practical}.`, (s) => `Since you're running things day to day as ${s.title}, the most tangible change would be ${s.ind.practical}.`],
    other: [(s) => `In your role as ${s.title}, the first thing you'd likely notice is ${s.ind.practical}.`],
    unknown: [(s) => `In practice, the first thing the teams ${s.v.i} work with notice is ${s.ind.practical}.`],
  },
  formatCount: (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ","),
};

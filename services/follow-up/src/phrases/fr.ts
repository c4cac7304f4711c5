import { GENERIC_INDUSTRY, INDUSTRIES } from "./industries.js";
import type { Phrasebook, Slots } from "./types.js";

/** French: "vous", the team writes "nous". Labels carry their article ("le SSO", "l'API"): no "à"/"de" before them. */

const co = (s: Slots, prefix: string, fallback = "") => (s.hasCo ? `${prefix}${s.co}` : fallback);
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const src = (s: Slots) => (s.flavor === "webinar" || s.flavor === "event" ? ` lors de ${s.flavorName}` : "");
const plural = (l: string) => / et /.test(l);
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

export const FR: Phrasebook = {
  lang: "fr",
  defaultSender: "L'équipe GardenOS",
  greetings: [(n) => `Bonjour ${n},`, (n) => `Bonjour ${n},`],
  greetingsAnonymous: ["Bonjour,"],
  signoffs: ["Bien cordialement,", "Cordialement,", "Belle journée,", "Bien à vous,"],
  list: (items) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`),
  complaintAbout: (list) => `Nous examinons ce qui s'est passé (${list}) et vous dirons ce que nous trouvons.`,
  months: MONTHS,
  weekdays: WEEKDAYS,
  when: ({ weekday, next, date, month, time, tz, relative }) => {
    if (month && !weekday && !date) return { at: `en ${month}`, bare: month };
    const rel = relative ? { tomorrow: "demain", next_week: "la semaine prochaine", end_of_month: "la fin du mois", end_of_week: "la fin de la semaine", end_of_next_week: "la fin de la semaine prochaine", end_of_year: "la fin de l'année" }[relative] : "";
    const clock = time ? `${time}${tz ? ` ${tz}` : ""}` : "";
    const day = weekday ? `${weekday}${next ? " prochain" : ""}${date ? ` ${date}` : ""}` : date ? `le ${date}` : "";
    const bare = [day || rel, clock].filter(Boolean).join(" à ");
    const at = day || rel ? (relative === "end_of_month" || relative === "end_of_week" || relative === "end_of_next_week" || relative === "end_of_year" ? `d'ici ${bare}` : bare) : clock ? `à ${clock}` : "";
    return { at, bare };
  },
  date: (d, m) => `${d === 1 ? "1er" : d} ${MONTHS[m - 1]}`,
  time: (h, m) => `${h}h${m ? String(m).padStart(2, "0") : ""}`,
  migrationOf: (name) => `la migration depuis ${name}`,
  meetNouns: { demo: "démo", meeting: "rendez-vous" },
  flavorNouns: { webinar: "notre webinaire", event: "l'événement", content: "notre guide", trial: "l'essai", form: "votre demande", referral: "la recommandation", generic: "" },
  lastThings: { proposal: "notre proposition", contract: "le contrat", pricing: "nos tarifs", webinar: "le webinaire", case_study: "l'étude de cas", case_studies: "les études de cas", demo: "la démo", event: "l'événement", trial: "l'essai" },
  stages: {
    first_touch: {
      subjects: [(s, t) => (t ? `${t} : quelques idées${co(s, " pour ")}` : `Quelques idées${co(s, " pour ")}`), (s) => `Un petit bonjour${s.first ? `, ${s.first}` : ""}`],
      openings: [
        (s) => ({ webinar: `Merci d'avoir participé à ${s.flavorName}. J'espère que ce temps vous a été utile.`, event: `Ravis d'avoir fait votre connaissance sur ${s.flavorName}.`, content: `Merci d'avoir téléchargé ${s.flavorName}. Nous espérons qu'il vous sera utile.`, trial: s.idle ? `Nous avons vu que vous n'avez pas encore pu vous connecter à l'essai, et nous aimerions vous faciliter la prise en main.` : `Nous espérons que l'essai se passe bien jusqu'ici.`, form: `Merci pour votre demande${co(s, " au nom de ")}.`, referral: s.referrer ? `${s.referrer} nous a suggéré de prendre contact avec vous. Voyons ensemble si nous pouvons vous aider.` : `Merci pour la recommandation et pour votre intérêt.`, generic: `Nous voulions prendre contact personnellement${co(s, " pour voir comment aider ", "")}.` })[s.flavor],
        (s) => ({ webinar: `Merci d'avoir suivi ${s.flavorName}. Un webinaire laisse peu de place aux détails, d'où ce message plus personnel.`, event: `Merci pour l'échange sur ${s.flavorName} ; nous revenons vers vous tant que c'est encore frais.`, content: `Vous avez consulté ${s.flavorName} ; voici comment d'autres équipes le mettent en pratique.`, trial: s.idle ? `Merci pour votre inscription à l'essai. Le démarrage est souvent le plus difficile : nous pouvons configurer le compte avec vous lors d'un court appel, ou vous envoyer un guide de deux minutes.` : `Merci d'avoir démarré un essai. Les premiers jours sont souvent ceux des questions les plus utiles.`, form: `Merci pour votre message${co(s, " de la part de ")}. Nous serons ravis de vous aider.`, referral: s.referrer ? `Nous vous écrivons sur la recommandation de ${s.referrer}. Voyons ensemble si nous pouvons vous aider.` : `Merci pour la mise en relation. Voyons ensemble si nous pouvons vous aider.`, generic: `Nous travaillons avec de nombreux ${s.ind.peers}, et certains de leurs retours pourraient vous intéresser${co(s, " chez ")}.` })[s.flavor],
      ],
      cta: [() => `Auriez-vous quinze minutes la semaine prochaine pour un court appel, afin de voir si cela correspond à vos besoins ?`, () => `Si cela vous parle, répondez simplement avec un créneau pour un échange de 15 minutes, ou avec vos questions.`],
      ctaNoCall: [() => `Si cela vous parle, répondez simplement avec vos questions : nous vous répondrons par écrit.`, (s) => `Souhaitez-vous que nous vous envoyions une courte présentation adaptée${co(s, " à ", " à votre équipe")} ? Une réponse d'une ligne suffit.`],
    },
    no_reply: {
      subjects: [(s) => `Est-ce toujours d'actualité${co(s, " chez ")} ?`, () => "Toujours d'actualité ?", (s, t) => (t ? `Au sujet de ${t}` : `Petite relance${s.first ? `, ${s.first}` : ""}`)],
      openings: [
        (s) => (s.missed ? `Dommage que la ${s.meetNoun} n'ait pas pu avoir lieu. Cela arrive, et nous serons ravis de la reprogrammer.` : `Nous n'avons pas eu de retour depuis ${s.lastThing || "notre dernier message"}, alors nous voulions savoir si le sujet est toujours d'actualité.`),
        (s) => (s.missed ? `Le rendez-vous n'a pas pu se faire cette fois-ci, ce n'est pas un problème.` : `Les boîtes de réception débordent vite : voici un petit rappel concernant ${s.lastThing || "notre dernier message"}.`),
      ],
      cta: [
        (s) => (s.missed ? `Pourriez-vous nous indiquer deux ou trois créneaux la semaine prochaine ? Nous enverrons aussitôt une nouvelle invitation.` : `Si ce n'est pas le bon moment, dites-le simplement et nous arrêterons les relances. Sinon, un court appel de 15 minutes la semaine prochaine vous conviendrait-il ?`),
        (s) => `Est-ce toujours une priorité${co(s, " chez ")} ? Une réponse d'une ligne suffit, même si c'est « pas maintenant ».`,
      ],
      ctaNoCall: [
        (s) => (s.missed ? `Pourriez-vous nous indiquer deux ou trois créneaux la semaine prochaine ? Nous enverrons aussitôt une nouvelle invitation.` : `Si ce n'est pas le bon moment, dites-le simplement et nous arrêterons les relances. Sinon, une réponse d'une ligne suffit pour reprendre.`),
        (s) => `Est-ce toujours une priorité${co(s, " chez ")} ? Une réponse d'une ligne suffit, même si c'est « pas maintenant ».`,
      ],
    },
    demo_requested: {
      subjects: [(s) => `Votre démo${co(s, " pour ")}`, (s, t) => (t ? `Votre démo : ${t}` : "Planifions votre démo")],
      openings: [(s) => `Merci pour votre demande de démo${co(s, " pour ")}. Nous l'organisons avec plaisir.`, () => `Ravis que vous souhaitiez une démo. Nous nous concentrerons sur ce qui compte pour vous.`],
      cta: [(s) => `Pourriez-vous nous indiquer deux ou trois créneaux ${s.askWhen || "la semaine prochaine"} ? Trente minutes suffisent en général.`, (s) => `Quels jours vous conviennent le mieux ${s.askWhen || "la semaine prochaine"} ? Nous enverrons l'invitation aussitôt.`],
      ctaNoCall: [(s) => `Pourriez-vous nous indiquer deux ou trois créneaux ${s.askWhen || "la semaine prochaine"} ? Nous enverrons aussitôt une invitation pour une session en ligne.`, () => `Si vous préférez, nous pouvons aussi vous envoyer d'abord une présentation enregistrée.`],
    },
    demo_done: {
      subjects: [(s, t) => (t ? `Après la démo : ${t}` : "Les prochaines étapes après votre démo"), () => "Quelques réflexions après la démo"],
      openings: [(s) => `Merci pour le temps consacré à la démo. Nous espérons qu'elle vous a donné une idée claire de ce que cela donnerait${co(s, " chez ")}.`, () => `Merci encore pour la démo et pour les questions qu'elle a soulevées.`],
      cta: [() => `Un point de 20 minutes la semaine prochaine vous conviendrait-il pour passer en revue les questions ouvertes et convenir des prochaines étapes ?`, () => `Quelle serait la prochaine étape la plus utile : un espace d'essai avec vos propres données, ou un court échange avec les collègues concernés ?`],
      ctaNoCall: [() => `Si d'autres questions se présentent, répondez simplement à cet e-mail : nous vous répondrons par écrit.`, () => `Quelle serait la prochaine étape la plus utile : un espace d'essai avec vos propres données, ou une synthèse écrite à partager en interne ?`],
    },
    pricing_sent: {
      subjects: [(s) => `Votre proposition${co(s, " pour ")} : des questions ?`, (s, t) => (t ? `${t} et prochaines étapes` : "Au sujet de notre proposition")],
      openings: [(s) => `Nous voulions savoir si ${s.lastThing || "notre proposition"} correspond à ce que vous aviez en tête${co(s, " pour ")}.`, () => `Merci d'avoir pris le temps d'étudier notre proposition. Ces décisions impliquent souvent plusieurs personnes, alors nous voulions vous faciliter la tâche.`],
      cta: [() => `Y a-t-il quelque chose à ajuster, ou une autre personne qui devrait la relire ? Nous la parcourons volontiers avec vous lors d'un court appel.`, () => `Un échange de 15 minutes vous aiderait-il à lever les dernières questions et à caler un calendrier ?`],
      ctaNoCall: [() => `Y a-t-il quelque chose à ajuster, ou une autre personne qui devrait la relire ? Répondez simplement et nous enverrons une version mise à jour.`, () => `Si des questions apparaissent à la lecture, répondez à cet e-mail : nous y répondrons par écrit.`],
    },
    objection: {
      subjects: [(s) => (s.month ? `On en reparle en ${s.month}` : "Aucune urgence de notre côté"), () => "Merci pour votre retour", (s) => (s.month ? `Rendez-vous en ${s.month}${co(s, ", ")}` : "Restons en contact")],
      openings: [(s) => (s.reason === "product" ? `Merci pour ce retour franc ; c'est exactement ce dont nous avons besoin.` : s.reason === "budget" ? `Merci de nous avoir parlé franchement du budget${s.month ? ` jusqu'en ${s.month}` : ""}. C'est tout à fait compréhensible, et il n'y a aucune pression de notre côté.` : `Merci de nous avoir indiqué que le moment n'est pas idéal${s.fiscal ? " et que les choses s'ouvriront après votre exercice" : ""}. C'est tout à fait compréhensible.`), (s) => (s.reason === "product" ? `Merci pour ce retour franc ; c'est exactement ce dont nous avons besoin.` : s.reason === "budget" ? `C'est noté : le budget est contraint${s.month ? ` jusqu'en ${s.month}` : " pour l'instant"}. Merci de l'avoir dit aussi clairement.` : `Merci pour ce point sur le calendrier${s.fiscal ? " et votre exercice" : ""} ; cela nous aide à savoir où en sont les choses.`)],
      cta: [() => `D'ici là, si cela vous aide dans votre planification, nous pouvons vous envoyer une courte synthèse écrite à partager en interne. Sinon, inutile de répondre.`, () => `Si quelque chose change d'ici là, répondez simplement à cet e-mail.`],
      ctaNoCall: [() => `D'ici là, si cela vous aide dans votre planification, nous pouvons vous envoyer une courte synthèse écrite à partager en interne. Sinon, inutile de répondre.`, () => `Si quelque chose change d'ici là, répondez simplement à cet e-mail.`],
    },
    competitor: {
      subjects: [(s, t) => (t ? `${t} : une comparaison honnête` : "Comparer vos options"), () => "Merci pour votre retour"],
      openings: [(s) => `Merci de nous tenir informés de votre évaluation${co(s, " chez ")}.`, () => `Merci pour votre franchise ; comparer les options avec soin est exactement la bonne démarche.`],
      cta: [() => `Un échange de 20 minutes vous aiderait-il à passer la comparaison en revue ensemble ?`, () => `Indiquez-nous simplement les deux ou trois points qui comptent le plus, et nous y répondrons dans la comparaison ; un court appel est aussi possible.`],
      ctaNoCall: [() => `Indiquez-nous simplement les deux ou trois points qui comptent le plus, et nous y répondrons par écrit dans la comparaison.`, () => `Si cela vous aide, nous pouvons vous envoyer une comparaison écrite à partager avec vos collègues.`],
    },
    question: {
      subjects: [(s, t) => (t ? `Vos questions : ${t}` : "Vos questions"), (s) => `Nos réponses${co(s, " pour ")}`],
      openings: [(s) => `Merci pour vos questions${src(s) || co(s, " de la part de ")}. Voici où nous en sommes.`, (s) => `Merci pour vos questions${src(s)}. Nous préférons une réponse claire à une réponse vague ; voici la suite.`],
      cta: [() => `Un court appel vous aiderait-il à passer les réponses en revue ensemble ? Sinon, nous reviendrons vers vous par écrit.`, () => `Si c'est plus simple, nous pouvons détailler tout cela en 15 minutes au téléphone ; indiquez-nous simplement un créneau.`],
      ctaNoCall: [() => `Nous reviendrons vers vous par écrit avec les détails ; répondez simplement si d'autres questions se présentent d'ici là.`, () => `Si autre chose vous vient à l'esprit, répondez à cet e-mail et nous l'ajouterons à notre réponse.`],
    },
    meeting_booked: {
      subjects: [(s) => (s.meetDay ? `Au plaisir de vous voir ${s.meetDay}` : `Avant notre ${s.meetNoun}`), (s) => `Avant notre ${s.meetNoun}${co(s, " avec ")}`],
      openings: [(s) => `Nous nous réjouissons de notre ${s.meetNoun}${s.meetWhen ? ` ${s.meetWhen}` : ""}.`, (s) => `Merci d'avoir confirmé le ${s.meetNoun === "démo" ? "créneau de démo" : "rendez-vous"}${s.meetWhen ? ` ${s.meetWhen}` : ""} ; c'est bien noté dans notre agenda.`],
      cta: [() => `Si vous souhaitez aborder un sujet en particulier ou convier d'autres personnes, dites-le-nous simplement.`, () => `Y a-t-il une question à laquelle vous voulez absolument une réponse d'ici la fin ? Une réponse d'une ligne nous aide à préparer.`],
      ctaNoCall: [() => `Si vous souhaitez aborder un sujet en particulier ou convier d'autres personnes, dites-le-nous simplement.`, () => `Y a-t-il une question à laquelle vous voulez absolument une réponse d'ici la fin ? Une réponse d'une ligne nous aide à préparer.`],
    },
    complaint: {
      subjects: [(s, t) => (t ? `${t} : nous allons corriger cela` : "Nous allons corriger cela"), (s) => `Votre retour${co(s, " de ")}`, () => "Nos excuses, et la suite"],
      openings: [(s) => `Nous sommes désolés des difficultés que vous avez rencontrées, et merci de nous l'avoir dit franchement. Ce n'est pas l'expérience que nous voulons${co(s, " pour ", " pour vous")}.`, () => `Merci d'avoir soulevé ce point, et toutes nos excuses de vous avoir déçu. Vous méritiez une réponse plus rapide et plus claire.`],
      cta: [() => `Pourrions-nous échanger brièvement par téléphone cette semaine, pour entendre les détails et convenir de la façon de corriger cela ? Si vous préférez, répondez simplement ici et nous vous répondrons par écrit.`, () => `Nous nous en occupons tout de suite. Un appel de 15 minutes demain vous conviendrait-il, ou préférez-vous un point par e-mail ?`],
      ctaNoCall: [() => `Nous nous en occupons tout de suite et vous enverrons par écrit ce qui s'est passé et ce qui change en conséquence. Répondez simplement ici s'il y a autre chose que nous devrions savoir.`, () => `N'hésitez pas à nous répondre avec tout ce que nous aurions pu manquer ; nous reviendrons vers vous par écrit avec un plan clair.`],
    },
    customer: {
      subjects: [(s) => `Un point rapide${co(s, " avec ")}`, () => `Comment cela se passe-t-il ?`],
      openings: [(s) => `Merci pour votre confiance${co(s, " chez ")} ; nous voulions faire un point rapide avec vous.`, () => `Nous voulions savoir comment les choses se passent de votre côté.`],
      cta: [() => `Un bilan rapide avec notre équipe customer success vous serait-il utile ? Nous viendrons avec des suggestions adaptées à l'usage de votre équipe.`, () => `Si cela vous aide, nous pouvons organiser une courte revue de compte ; indiquez-nous simplement un créneau.`],
      ctaNoCall: [() => `Répondez simplement avec ce qui compte le plus pour vous en ce moment ; nous reviendrons vers vous par écrit avec des suggestions.`],
    },
    signed: {
      subjects: [() => "Bienvenue !", (s) => `Bien démarrer${co(s, " avec ")}`, () => "Les prochaines étapes de votre lancement"],
      openings: [(s) => `Merci pour votre confiance${co(s, ", et bienvenue à ")} ! Nous sommes ravis de travailler avec vous.`, () => `Bienvenue ! Nous sommes vraiment heureux de démarrer ensemble.`],
      cta: [() => `Si vous souhaitez que nous préparions quelque chose avant le démarrage, répondez simplement à cet e-mail.`, () => `Nous vous enverrons un court plan pour les premières semaines ; s'il manque quelque chose, dites-le-nous.`],
      ctaNoCall: [() => `Si vous souhaitez que nous préparions quelque chose avant le démarrage, répondez simplement à cet e-mail.`, () => `Nous vous enverrons un court plan pour les premières semaines ; s'il manque quelque chose, dites-le-nous.`],
    },
  },
  points: {
    security: [(l) => `Concernant ${l} : nous vous enverrons notre documentation sécurité pour que votre équipe puisse l'examiner à l'avance.`, (l) => `Pour ${l}, nous mettrons tous les éléments par écrit, afin que la revue sécurité puisse commencer tout de suite.`],
    integration: [(l) => `Concernant ${l} : nous vous enverrons une courte note sur le fonctionnement de l'intégration dans votre environnement.`, (l) => `Pour ${l}, nous pouvons vous montrer précisément comment l'intégration s'insère dans vos processus actuels.`],
    migration: [(l) => `Concernant ${l} : nous détaillerons ce qui est repris, dans quel ordre et en combien de temps.`, (l) => `Pour ${l}, nous vous enverrons un plan étape par étape, pour que rien ne se perde.`],
    tools: [(l) => `Bon à savoir : votre équipe travaille avec ${l} ; nous vous montrerons comment tout s'articule.`],
    cover: [(l) => `Nous veillerons à bien couvrir ${l}.`, (l) => `Nous préparerons ${l} en fonction de votre cas d'usage.`],
    order: [(l) => `${cap(l)} : c'est noté, tout sera prêt pour le démarrage.`],
    quoteRequested: [(l) => `Nous préparons le devis${l ? ` pour ${l}` : ""} et vous l'envoyons dans les prochains jours.`, (l) => `Comme demandé, nous vous établissons un devis${l ? ` pour ${l}` : ""}, en toute transparence.`],
    features: [(l) => `Concernant ${l} : nous vous enverrons quelques exemples concrets d'utilisation au quotidien.`, (l) => `Vous avez évoqué ${l} ; nous vous montrerons comment des équipes similaires l'ont mis en place.`],
    competitorEval: [(l) => `Comparer avec ${l} est tout à fait logique ; nous pouvons préparer un comparatif factuel sur les points qui comptent pour vous.`, (l) => `Il est sain de nous comparer avec ${l}, et nous nous en tiendrons aux faits.`],
    competitorChosen: [(l) => `Merci de nous avoir indiqué que vous avez choisi ${l} pour le moment ; nous apprécions votre franchise.`],
    competitorIncumbent: [(l) => `Comme vous utilisez ${l} aujourd'hui, la question principale est souvent le changement lui-même ; nous pouvons décrire comment se déroule une migration depuis ${l}.`],
    peopleThanks: [(l) => `Merci de transmettre nos remerciements à ${l} pour leur temps.`.replace(" à le ", " au "), (l) => `C'était un plaisir d'échanger aussi avec ${l}.`],
    peopleJoin: [(l) => `${cap(l)} ${plural(l) ? "sont les bienvenus" : "est le bienvenu"}.`, (l) => `Ce serait un plaisir d'accueillir aussi ${l}.`],
    peopleContact: [(l) => `Nous avons bien noté ${l} comme interlocuteur pour le démarrage.`, (l) => `Nous coordonnerons les détails avec ${l}.`],
    peopleInclude: [(l) => `Nous associerons volontiers ${l} à la prochaine étape.`, (l) => `Si cela vous aide, nous pouvons préparer une courte synthèse pour ${l}.`],
    peopleDecide: [(l) => `Nous comprenons que la décision revient à ${l}`.replace(" à le ", " au ") + ` ; nous vous fournirons volontiers tout ce qu'il faut pour cette discussion.`],
    question: [(l) => `Concernant votre question (${l}) : nous reviendrons vers vous avec une réponse claire par écrit.`],
    start: [(what, when) => `${cap(what || "le démarrage")}${when.at ? ` ${when.at}` : ""} nous convient très bien ; nous enverrons l'ordre du jour à l'avance.`, (what, when) => `Nous préparons tout pour ${what || "le démarrage"}${when.at ? ` ${when.at}` : ""}.`],
    deadline: [(what, when) => `Nous ferons en sorte que vous ayez tout ce qu'il faut avant ${when.bare}.`],
    decision: [(what, when) => `Pour que vous ayez tout ce qu'il faut pour votre décision ${when.at}, nous restons à votre disposition d'ici là.`],
    trialEnd: [(what, when) => `Avant la fin de votre essai, ${when.bare}, nous veillerons à ce que vous ayez tout pour décider.`],
    paperwork: [(docs, form) => (form ? `Nous remplirons votre fiche fournisseur et ${docs ? `vous enverrons ${docs} avec` : "vous la renverrons rapidement"}.` : `Nous vous enverrons ${docs} sans tarder.`)],
    topics: {
      pricing: [(l, s) => (s.stage === "competitor" ? `Comme le prix est décisif, la comparaison comprendra un détail clair des coûts et des tarifs.` : s.stage === "pricing_sent" ? `Si un point des tarifs mérite une explication, nous le reprendrons ligne par ligne.` : `Concernant les tarifs : nous vous enverrons les chiffres pour la taille de votre équipe, par écrit.`)],
      price_lock: [() => `Concernant la garantie de prix : nous vérifions ce que nous pouvons vous garantir et vous le confirmons par écrit.`],
      currency: [(l) => `${cap(l)} : c'est noté, nous vous le confirmerons par écrit avec les tarifs.`],
      support: [(l, s) => (s.stage === "complaint" ? "" : `Concernant le support : nous vous enverrons son fonctionnement, avec les délais de réponse par écrit.`)],
      pilot_done: [() => "Ravis que le pilote se soit bien passé."],
      rollout: [() => `Pour le déploiement, nous préparerons un plan avec les étapes, les responsables et le calendrier.`],
      ease_of_use: [() => `Sur la simplicité d'utilisation : nous vous montrerons comment votre équipe réalise ses tâches quotidiennes en quelques clics, pour que vous puissiez juger par vous-même.`],
      payment_terms: [(l) => `Concernant ${l} : nous vérifions ce qui est possible et vous le confirmons par écrit.`],
      partner_program: [() => `Concernant le programme partenaires : nous vous enverrons les conditions revendeur et marque blanche, avec les marges partenaires et les options de co-branding.`],
      deck: [(l) => `Nous vous enverrons ${l} à garder sous la main.`],
      forward: [() => `Nous vous enverrons une courte synthèse que vous pourrez transmettre telle quelle.`],
      price_ceiling: [(l) => `Nous vérifierons honnêtement si ${l} est possible pour vous, et vous le dirons si ce n'est pas le cas.`],
      recording: [() => `Nous vous enverrons l'enregistrement.`],
      advocacy: [(l, s) => (s.stage === "customer" ? `Et puisque tout se passe bien : seriez-vous d'accord pour nous recommander, ou pour une courte étude de cas ? Seulement si cela vous convient.` : "")],
      sla: [() => `Concernant le SLA : nous vous enverrons par écrit nos engagements de disponibilité et les délais de réponse du support.`],
      discount: [(l) => `Concernant la remise${l ? ` pour ${l}` : ""} : nous vérifions ce qui est possible et revenons vers vous par écrit.`],
      reorg: [() => `Nous comprenons que la réorganisation passe d'abord ; ensuite, le moment sera sans doute mieux choisi.`],
      budget: [() => `Nous savons que le budget compte ; nous pouvons montrer comment d'autres équipes étalent le déploiement.`],
      roi: [() => `Nous pouvons aussi préparer une estimation du ROI à partir de vos propres chiffres.`],
      references: [() => `Nous vous proposerons des clients de référence proches de votre organisation.`],
      rfp: [() => `Nous veillerons à ce que notre réponse à l'appel d'offres soit complète et dans les délais.`],
      case_studies: [() => `Nous vous enverrons quelques études de cas d'organisations proches de la vôtre.`],
      case_study: [() => `L'étude de cas a-t-elle soulevé des questions ? Nous y répondrons volontiers.`],
      contract: [(l, s) => (s.stage === "signed" ? "" : `Concernant le contrat : nous traiterons vos remarques rapidement pour pouvoir le finaliser.`)],
      nonprofit: [() => `Concernant les tarifs associatifs : nous vous enverrons le détail de nos conditions pour les associations.`],
      migration: [() => `Concernant la migration des données : nous décrirons son déroulement habituel et sa durée.`],
      onboarding: [() => `Pour l'onboarding, nous enverrons un court plan afin que votre équipe sache à quoi s'attendre.`],
      pilot: [() => `Nous configurerons le pilote pour que vous puissiez juger rapidement des résultats.`],
      trial: [(l, s) => (s.stage === "first_touch" ? "" : s.stage === "question" ? `Concernant un essai : nous vous confirmerons par écrit ce qui est possible pour votre équipe et comment démarrer.` : `Nous veillerons à ce que vous tiriez le meilleur parti de l'essai.`)],
    },
  },
  reconnect: [(s) => `Nous reviendrons vers vous début ${s.month}${s.fiscal ? ", une fois votre nouvel exercice commencé" : ""}, pour que rien ne se perde d'ici là.`, (s) => `Nous avons noté de reprendre contact en ${s.month}${s.fiscal ? ", au début de votre nouvel exercice" : ""}.`],
  askedSlot: [(s) => `Retenons-nous ${s.askWhen} ? Une simple confirmation suffit et nous envoyons l'invitation aussitôt.`, (s) => `Nous bloquons ${s.askWhen} comme vous l'avez proposé et envoyons une invitation ; si cela ne convient plus, indiquez-nous simplement un autre créneau.`],
  reconnectNoMonth: [(s) => (s.reason === "product" ? `Nous le transmettons à notre équipe produit et reviendrons vers vous dès qu'il y aura du nouveau.` : `Nous reprendrons contact dans quelques mois, ou quand cela vous conviendra mieux ; faites-le-nous simplement savoir.`)],
  again: [(s) => `Nous revenons vers vous au sujet de notre message${s.priorDay ? ` du ${s.priorDay}` : ""}${s.priorSubject ? ` (« ${s.priorSubject} »)` : ""}.`],
  lostClose: [() => `Si quelque chose change, ou si vous souhaitez un autre avis plus tard, répondez simplement à cet e-mail ; sinon, aucune réponse n'est nécessaire.`],
  lostSubjects: [() => `Merci pour votre retour`],
  webinarMissed: [(s) => `Dommage de ne pas vous avoir vu à ${s.flavorName} ; nous vous enverrons l'enregistrement pour que vous puissiez le regarder quand cela vous convient.`.replace(" à le ", " au ")],
  referredBy: [(s) => `Merci à ${s.referrer} pour la mise en relation.`],
  theirMove: [(what, when) => `Au plaisir d'avoir de vos nouvelles ${when.at} ; d'ici là, n'hésitez pas à répondre à cet e-mail pour toute question.`],
  followUpAfter: [(what, when) => `Nous reviendrons vers vous après ${when.bare}, une fois que vous aurez pu en discuter.`],
  prefers: { morning: () => "Le matin nous convient très bien, puisque c'est ce que vous préférez.", afternoon: () => "L'après-midi nous convient très bien, puisque c'est ce que vous préférez.", evening: () => "La fin de journée nous convient aussi, puisque c'est ce que vous préférez." },
  windDown: [() => `Nous vous avons écrit plusieurs fois ; si le moment n'est pas le bon, dites-le simplement et nous clôturerons le sujet de notre côté.`],
  industries: INDUSTRIES.fr,
  genericIndustry: GENERIC_INDUSTRY.fr,
  industryLines: [
    (s, [p1, p2]) => (s.ind.noun ? `Dans ${s.ind.noun}, ${s.hasCo ? s.co : "votre équipe"} doit sans doute concilier ${p1} et ${p2}.` : `Comme la plupart des ${s.ind.peers}, ${s.hasCo ? s.co : "votre équipe"} doit sans doute concilier ${p1} et ${p2}.`),
    (s, [p1, p2]) => `Pour les ${s.ind.peers}${s.hasCo ? ` comme ${s.co}` : ""}, ${p1} et ${p2} concentrent généralement l'essentiel des efforts.`,
    (s, [p1, p2]) => `La plupart des ${s.ind.peers} avec qui nous échangeons citent d'abord ${p1}, puis ${p2}.`,
    (s, [p1, p2]) => `D'après notre expérience, les ${s.ind.peers} en tirent le plus de valeur lorsque cela aide sur ${p1} et ${p2}.`,
  ],
  sizeLines: {
    small: [(n) => `Avec ${n ? `environ ${n} personnes` : "une petite équipe"}, chaque heure de travail manuel se ressent dans toute l'entreprise.`, (n) => `Dans une équipe ${n ? `d'environ ${n} personnes` : "de votre taille"}, personne n'a de temps à perdre en copier-coller.`],
    mid: [(n) => `Avec ${n ? `environ ${n} personnes` : "une équipe de taille moyenne"}, les processus qui fonctionnaient à plus petite échelle commencent souvent à montrer leurs limites.`, (n) => `${n ? `À environ ${n} personnes` : "À votre taille"}, ce qui se réglait d'un mot entre deux bureaux demande désormais un vrai processus.`],
    enterprise: [(n) => `${n ? `Avec environ ${n} personnes` : "À cette échelle"}, la cohérence entre équipes et sites compte autant que chaque outil.`, (n) => `${n ? `Avec quelque ${n} personnes` : "À cette échelle"}, la difficulté est rarement l'outil, mais plutôt de faire travailler toutes les équipes de la même façon.`],
  },
  seniorityLines: {
    executive: [(s) => `En tant que ${s.title}, vous regardez sans doute moins les fonctionnalités que ${s.ind.outcome} ; c'est là-dessus que nous nous concentrerons.`],
    leader: [(s) => `En tant que ${s.title}, vous pesez sans doute ${s.ind.outcome} et la rapidité du retour sur investissement ; nous pouvons préparer un court business case à partager en interne.`],
    manager: [(s) => `En tant que ${s.title}, vous êtes au plus près du quotidien ; le gain concret, ce serait ${s.ind.practical}.`],
    other: [(s) => `Dans votre rôle ${/^[aeiouyéèêh]/i.test(s.title) ? "d'" : "de "}${s.title}, le premier changement visible serait sans doute ${s.ind.practical}.`],
    unknown: [(s) => `En pratique, le premier changement que remarquent les équipes avec qui nous travaillons, c'est ${s.ind.practical}.`],
  },
  formatCount: (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f"),
};

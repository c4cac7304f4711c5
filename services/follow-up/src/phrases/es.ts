import { GENERIC_INDUSTRY, INDUSTRIES } from "./industries.js";
import type { Phrasebook, Slots } from "./types.js";

/** Spanish: "usted", the team writes "nosotros". Labels carry their article ("el SSO", "la API"): no "a"/"de" before them. */

const co = (s: Slots, prefix: string, fallback = "") => (s.hasCo ? `${prefix}${s.co}` : fallback);
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const src = (s: Slots) => (s.flavor === "webinar" || s.flavor === "event" ? ` en ${s.flavorName}` : "");
const plural = (l: string) => / y /.test(l);
const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

export const ES: Phrasebook = {
  lang: "es",
  defaultSender: "El equipo de GardenOS",
  greetings: [(n) => `Hola, ${n}:`, (n) => `Buenos días, ${n}:`],
  greetingsAnonymous: ["Hola:", "Buenos días:"],
  signoffs: ["Un saludo,", "Saludos cordiales,", "Atentamente,", "Muchas gracias,"],
  list: (items) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} y ${items.at(-1)}`),
  complaintAbout: (list) => `Estamos revisando lo ocurrido (${list}) y le diremos lo que encontremos.`,
  months: MONTHS,
  weekdays: WEEKDAYS,
  when: ({ weekday, next, date, month, time, tz, relative }) => {
    if (month && !weekday && !date) return { at: `en ${month}`, bare: month };
    const rel = relative ? { tomorrow: "mañana", next_week: "la próxima semana", end_of_month: "final de mes", end_of_week: "final de semana", end_of_next_week: "final de la próxima semana", end_of_year: "fin de año" }[relative] : "";
    const clock = time ? `${time}${tz ? ` ${tz}` : ""}` : "";
    const day = weekday ? `el ${next ? "próximo " : ""}${weekday}${date ? ` ${date}` : ""}` : date ? `el ${date}` : "";
    const bare = [day || rel, clock].filter(Boolean).join(" a las ");
    const at = day ? bare : rel ? (relative === "end_of_month" || relative === "end_of_week" || relative === "end_of_next_week" || relative === "end_of_year" ? `antes de ${rel}${clock ? ` a las ${clock}` : ""}` : bare) : clock ? `a las ${clock}` : "";
    return { at, bare };
  },
  date: (d, m) => `${d} de ${MONTHS[m - 1]}`,
  time: (h, m) => `${h}:${String(m).padStart(2, "0")}`,
  migrationOf: (name) => `la migración desde ${name}`,
  meetNouns: { demo: "demo", meeting: "reunión", call: "llamada" },
  flavorNouns: { webinar: "nuestro webinar", event: "el evento", content: "nuestra guía", trial: "la prueba", form: "su solicitud", referral: "la recomendación", generic: "" },
  lastThings: { proposal: "nuestra propuesta", contract: "el contrato", pricing: "nuestros precios", webinar: "el webinar", case_study: "el caso de éxito", case_studies: "los casos de éxito", demo: "la demo", event: "el evento", trial: "la prueba" },
  stages: {
    first_touch: {
      subjects: [(s, t) => (t ? `${t}: algunas ideas${co(s, " para ")}` : `Algunas ideas${co(s, " para ")}`), (s) => `Un saludo${s.first ? `, ${s.first}` : ""}`],
      openings: [
        (s) => ({ webinar: `Gracias por asistir a ${s.flavorName}. Esperamos que le haya resultado útil.`, event: `Fue un placer conocerle en ${s.flavorName}.`, content: `Gracias por descargar ${s.flavorName}. Esperamos que le resulte útil.`, trial: s.idle ? `Hemos visto que todavía no ha podido entrar en la prueba, y queremos ponerle fácil el primer paso.` : `Esperamos que la prueba vaya bien hasta ahora.`, form: `Gracias por su solicitud${co(s, " en nombre de ")}.`, referral: s.referrer ? `${s.referrer} nos sugirió ponernos en contacto con usted. Veamos si podemos ayudarle.` : `Gracias por la recomendación y por su interés.`, generic: `Queríamos ponernos en contacto personalmente${co(s, " para ver cómo podemos ayudar a ", "")}.` })[s.flavor],
        (s) => ({ webinar: `Gracias por acompañarnos en ${s.flavorName}. En un webinar queda poco tiempo para los detalles, así que le escribimos de forma más personal.`, event: `Gracias por la conversación en ${s.flavorName}; le escribimos mientras está reciente.`, content: `Ha consultado ${s.flavorName}; le contamos cómo otros equipos lo ponen en práctica.`, trial: s.idle ? `Gracias por registrarse en la prueba. Empezar suele ser lo más difícil: podemos configurar la cuenta con usted en una llamada breve o enviarle una guía de dos minutos.` : `Gracias por empezar la prueba. Los primeros días suelen traer las preguntas más útiles.`, form: `Gracias por su mensaje${co(s, " de ")}. Estaremos encantados de ayudarle.`, referral: s.referrer ? `Le escribimos por recomendación de ${s.referrer}. Veamos si podemos ayudarle.` : `Gracias por la presentación. Veamos si podemos ayudarle.`, generic: `Trabajamos con muchas ${s.ind.peers}, y parte de lo que nos cuentan puede interesarle${co(s, " a ")}.` })[s.flavor],
      ],
      cta: [() => `¿Le vendría bien una llamada breve la próxima semana para ver si encajamos?`, () => `Si le parece interesante, responda con un buen momento para una conversación de 15 minutos, o con sus preguntas.`],
      ctaNoCall: [() => `Si le parece interesante, responda con sus preguntas y le contestaremos por escrito.`, (s) => `¿Le enviamos un breve resumen adaptado${co(s, " para ", " a su equipo")}? Basta con una respuesta de una línea.`],
    },
    no_reply: {
      subjects: [(s) => `¿Sigue siendo una prioridad${co(s, " para ")}?`, () => "¿Sigue en su radar?", (s, t) => (t ? `Sobre ${t}` : `Un breve recordatorio${s.first ? `, ${s.first}` : ""}`)],
      openings: [
        (s) => (s.missed ? `Lástima que no pudiéramos vernos en la ${s.meetNoun}. Son cosas que pasan, y la repetimos con gusto.` : `No hemos tenido noticias desde ${s.lastThing || "nuestro último mensaje"}, así que queríamos saber si el tema sigue vigente.`),
        (s) => (s.missed ? `La ${s.meetNoun} no pudo celebrarse esta vez, no pasa nada.` : `Las bandejas de entrada se llenan rápido, así que le recordamos ${s.lastThing || "nuestro último mensaje"} por si se perdió.`),
      ],
      cta: [
        (s) => (s.missed ? `¿Podría indicarnos dos o tres horarios la próxima semana? Le enviaremos una nueva invitación enseguida.` : `Si ahora no es buen momento, díganoslo y dejaremos de escribirle. Si no, ¿le parece bien una llamada de 15 minutos la próxima semana?`),
        (s) => `¿Sigue siendo una prioridad${co(s, " para ")}? Basta con una línea, aunque sea «ahora no».`,
      ],
      ctaNoCall: [
        (s) => (s.missed ? `¿Podría indicarnos dos o tres horarios la próxima semana? Le enviaremos una nueva invitación enseguida.` : `Si ahora no es buen momento, díganoslo y dejaremos de escribirle. Si no, basta con una línea para retomarlo.`),
        (s) => `¿Sigue siendo una prioridad${co(s, " para ")}? Basta con una línea, aunque sea «ahora no».`,
      ],
    },
    demo_requested: {
      subjects: [(s) => `Su demo${co(s, " para ")}`, (s, t) => (t ? `Su demo: ${t}` : "Organicemos su demo")],
      openings: [(s) => `Gracias por solicitar una demo${co(s, " para ")}. La organizamos con mucho gusto.`, () => `Nos alegra que quiera ver una demo. Nos centraremos en lo que más le importa.`],
      cta: [(s) => `¿Podría indicarnos dos o tres horarios que le vengan bien ${s.askWhen || "la próxima semana"}? Treinta minutos suelen bastar.`, (s) => `¿Qué días le vienen mejor ${s.askWhen || "la próxima semana"}? Le enviaremos la invitación enseguida.`],
      ctaNoCall: [(s) => `¿Podría indicarnos dos o tres horarios que le vengan bien ${s.askWhen || "la próxima semana"}? Le enviaremos una invitación para una sesión en línea.`, () => `Si lo prefiere, también podemos enviarle antes una presentación grabada.`],
    },
    demo_done: {
      subjects: [(s, t) => (t ? `Después de la demo: ${t}` : "Próximos pasos tras su demo"), () => "Algunas ideas tras la demo"],
      openings: [(s) => `Gracias por su tiempo en la demo. Esperamos que le haya dado una idea clara de cómo funcionaría${co(s, " en ")}.`, () => `Gracias de nuevo por la demo y por las preguntas que surgieron.`],
      cta: [() => `¿Le vendría bien una reunión de 20 minutos la próxima semana para repasar los puntos abiertos y acordar los próximos pasos?`, () => `¿Cuál sería el siguiente paso más útil: un espacio de prueba con sus propios datos o una breve sesión con los compañeros implicados?`],
      ctaNoCall: [() => `Si surgen más preguntas, responda a este correo y le contestaremos por escrito.`, () => `¿Cuál sería el siguiente paso más útil: un espacio de prueba con sus propios datos o un resumen por escrito para compartir internamente?`],
    },
    pricing_sent: {
      subjects: [(s) => `Su propuesta${co(s, " para ")}: ¿alguna pregunta?`, (s, t) => (t ? `${t} y próximos pasos` : "Sobre nuestra propuesta")],
      openings: [(s) => `Queríamos saber si ${s.lastThing || "nuestra propuesta"} encaja con lo que tenía en mente${co(s, " para ")}.`, () => `Gracias por dedicar tiempo a revisar la propuesta. Estas decisiones suelen implicar a varias personas, así que queremos ponérselo fácil.`],
      cta: [() => `¿Hay algo que quiera cambiar, o alguien más que deba revisarla? La repasamos con gusto en una llamada breve.`, () => `¿Le ayudaría una conversación de 15 minutos para resolver dudas y acordar un calendario?`],
      ctaNoCall: [() => `¿Hay algo que quiera cambiar, o alguien más que deba revisarla? Responda a este correo y le enviaremos una versión actualizada.`, () => `Si surgen preguntas al revisarla, responda a este correo y las contestaremos por escrito.`],
    },
    objection: {
      subjects: [(s) => (s.month ? `Retomamos en ${s.month}` : "Sin prisa por nuestra parte"), () => "Gracias por la actualización", (s) => (s.month ? `Hasta ${s.month}${co(s, ", ")}` : "Seguimos en contacto")],
      openings: [(s) => (s.reason === "product" ? `Gracias por su opinión sincera; es justo lo que necesitamos saber.` : s.reason === "budget" ? `Gracias por su sinceridad sobre el presupuesto${s.month ? ` hasta ${s.month}` : ""}. Es totalmente comprensible, y no hay ninguna presión por nuestra parte.` : `Gracias por avisarnos de que ahora no es el momento${s.fiscal ? " y de que después de su año fiscal será más fácil" : ""}. Es totalmente comprensible.`), (s) => (s.reason === "product" ? `Gracias por su opinión sincera; es justo lo que necesitamos saber.` : s.reason === "budget" ? `Entendido: el presupuesto está ajustado${s.month ? ` hasta ${s.month}` : " por ahora"}. Gracias por decirlo con claridad.` : `Gracias por la actualización sobre los plazos${s.fiscal ? " y su año fiscal" : ""}; nos ayuda a saber dónde estamos.`)],
      cta: [() => `Mientras tanto, si le ayuda en su planificación, podemos enviarle un breve resumen por escrito para compartir internamente. Si no, no hace falta que responda.`, () => `Si algo cambia antes, responda a este correo y lo retomamos enseguida.`],
      ctaNoCall: [() => `Mientras tanto, si le ayuda en su planificación, podemos enviarle un breve resumen por escrito para compartir internamente. Si no, no hace falta que responda.`, () => `Si algo cambia antes, responda a este correo y lo retomamos enseguida.`],
    },
    competitor: {
      subjects: [(s, t) => (t ? `${t}: una comparación justa` : "Comparar sus opciones"), () => "Gracias por la actualización"],
      openings: [(s) => `Gracias por mantenernos al tanto de su evaluación${co(s, " en ")}.`, () => `Gracias por su franqueza; comparar las opciones con cuidado es justo lo que hay que hacer.`],
      cta: [() => `¿Le ayudaría una llamada de 20 minutos para repasar juntos la comparación?`, () => `Indíquenos los dos o tres puntos que más le importan y los responderemos en la comparación; también podemos verlo en una llamada breve.`],
      ctaNoCall: [() => `Indíquenos los dos o tres puntos que más le importan y los responderemos por escrito en la comparación.`, () => `Si le ayuda, podemos enviarle una comparación por escrito para compartir con sus compañeros.`],
    },
    question: {
      subjects: [(s, t) => (t ? `Sus preguntas: ${t}` : "Sus preguntas"), (s) => `Respuestas${co(s, " para ")}`],
      openings: [(s) => `Gracias por sus preguntas${src(s) || co(s, " desde ")}. Le contamos en qué punto estamos.`, (s) => `Gracias por sus preguntas${src(s)}. Preferimos darle una respuesta clara que una vaga, así que esto es lo que haremos.`],
      cta: [() => `¿Le ayudaría una llamada breve para repasar las respuestas juntos? Si no, le responderemos por escrito.`, () => `Si le resulta más fácil, lo vemos en 15 minutos por teléfono; indíquenos un horario que le venga bien.`],
      ctaNoCall: [() => `Le responderemos por escrito con los detalles; escríbanos si mientras tanto surge algo más.`, () => `Si surge algo más, responda a este correo y lo añadiremos a nuestra respuesta.`],
    },
    meeting_booked: {
      subjects: [(s) => (s.meetDay ? `Nos vemos ${s.meetDay}` : `Antes de nuestra ${s.meetNoun}`), (s) => `Antes de nuestra ${s.meetNoun}${co(s, " con ")}`],
      openings: [(s) => `Tenemos muchas ganas de nuestra ${s.meetNoun}${s.meetWhen ? ` ${s.meetWhen}` : ""}.`, (s) => `Gracias por confirmar la ${s.meetNoun}${s.meetWhen ? ` ${s.meetWhen}` : ""}; ya está en nuestra agenda.`],
      cta: [() => `Si quiere tratar algún tema en concreto o invitar a otras personas, díganoslo.`, () => `¿Hay alguna pregunta que quiera tener resuelta al final? Una línea nos ayuda a prepararnos.`],
      ctaNoCall: [() => `Si quiere tratar algún tema en concreto o invitar a otras personas, díganoslo.`, () => `¿Hay alguna pregunta que quiera tener resuelta al final? Una línea nos ayuda a prepararnos.`],
    },
    complaint: {
      subjects: [(s, t) => (t ? `${t}: vamos a solucionarlo` : "Vamos a solucionarlo"), (s) => `Sus comentarios${co(s, " de ")}`, () => "Disculpas, y los próximos pasos"],
      openings: [(s) => `Lamentamos los problemas que ha tenido, y gracias por decírnoslo con franqueza. No es la experiencia que queremos${co(s, " para ", " para usted")}.`, () => `Gracias por plantearlo, y disculpe que le hayamos fallado. Merecía una respuesta más rápida y clara.`],
      cta: [() => `¿Podríamos hablar brevemente por teléfono esta semana para conocer los detalles y acordar cómo solucionarlo? Si lo prefiere, responda aquí y le contestaremos por escrito.`, () => `Nos ocupamos de inmediato. ¿Le viene bien una llamada de 15 minutos mañana, o prefiere una actualización por correo?`],
      ctaNoCall: [() => `Nos ocupamos de inmediato y le enviaremos por escrito qué ocurrió y qué cambia a partir de ahora. Responda aquí si hay algo más que debamos saber.`, () => `Responda con cualquier cosa que se nos haya podido escapar; le contestaremos por escrito con un plan claro.`],
    },
    customer: {
      subjects: [(s) => `Un breve seguimiento${co(s, " con ")}`, () => `¿Cómo va todo?`],
      openings: [(s) => `Gracias por confiar en nosotros${co(s, " en ")}; queríamos saber cómo va todo.`, () => `Queríamos ponernos en contacto para saber cómo les va.`],
      cta: [() => `¿Le sería útil una breve revisión con nuestro equipo de customer success? Llevaremos sugerencias según el uso que hace su equipo.`, () => `Si le ayuda, podemos organizar una breve revisión de la cuenta; indíquenos un horario que le venga bien.`],
      ctaNoCall: [() => `Basta con que nos responda con lo que más le importa ahora; le enviaremos sugerencias por escrito.`],
    },
    signed: {
      subjects: [() => "¡Bienvenidos!", (s) => `Primeros pasos${co(s, " con ")}`, () => "Próximos pasos para su puesta en marcha"],
      openings: [(s) => `¡Gracias por su confianza${co(s, " y bienvenidos, ")}! Estamos encantados de trabajar con ustedes.`, () => `¡Bienvenidos! Nos alegra mucho empezar a trabajar juntos.`],
      cta: [() => `Si quiere que preparemos algo antes de empezar, responda a este correo.`, () => `Le enviaremos un breve plan para las primeras semanas; si falta algo, díganoslo.`],
      ctaNoCall: [() => `Si quiere que preparemos algo antes de empezar, responda a este correo.`, () => `Le enviaremos un breve plan para las primeras semanas; si falta algo, díganoslo.`],
    },
  },
  points: {
    security: [(l) => `Sobre ${l}: le enviaremos nuestra documentación de seguridad para que su equipo pueda revisarla con antelación.`, (l) => `En cuanto a ${l}, lo dejaremos todo por escrito para que la revisión de seguridad pueda empezar ya.`.replace(" a el ", " al ")],
    integration: [(l) => `Sobre ${l}: le enviaremos una breve nota sobre cómo funciona la integración en su entorno.`, (l) => `Con ${l}, podemos mostrarle exactamente cómo encaja la integración en su forma de trabajar.`],
    migration: [(l) => `Sobre ${l}: le explicaremos qué se traslada, en qué orden y cuánto suele tardar.`, (l) => `Para ${l}, le enviaremos un plan paso a paso para que no se pierda nada.`],
    tools: [(l) => `Es bueno saber que su equipo trabaja con ${l}; le mostraremos cómo encaja todo.`],
    cover: [(l) => `Nos aseguraremos de cubrir ${l}.`, (l) => `Prepararemos ${l} pensando en su caso concreto.`],
    order: [(l) => `${cap(l)}: todo anotado, lo tendremos listo para el arranque.`],
    quoteRequested: [(l) => `Prepararemos el presupuesto${l ? ` para ${l}` : ""} y se lo enviaremos en los próximos días.`, (l) => `Como nos pidió, le prepararemos un presupuesto${l ? ` para ${l}` : ""}, sin costes ocultos.`],
    features: [(l) => `Sobre ${l}: le enviaremos algunos ejemplos concretos de uso en el día a día.`, (l) => `Mencionó ${l}; le mostraremos cómo lo han configurado equipos similares.`],
    competitorEval: [(l) => `Tiene sentido compararnos con ${l}; podemos preparar una comparación objetiva de los puntos que más le importan.`, (l) => `Es buena idea compararnos con ${l}, y nos ceñiremos a los hechos.`],
    competitorChosen: [(l) => `Gracias por contarnos que de momento se han decidido por ${l}; apreciamos su franqueza.`],
    competitorIncumbent: [(l) => `Como hoy utilizan ${l}, la pregunta principal suele ser el propio cambio; podemos explicarle cómo suele ser una migración desde ${l}.`],
    peopleThanks: [(l) => `Por favor, transmita nuestro agradecimiento también a ${l}.`.replace(" a el ", " al "), (l) => `Fue un placer contar también con ${l}.`],
    peopleJoin: [(l) => `${cap(l)} ${plural(l) ? "son bienvenidos" : "es bienvenido"}.`, (l) => `Será un placer contar también con ${l}.`],
    peopleContact: [(l) => `Hemos anotado ${l.startsWith("su ") ? l : `a ${l}`} como contacto para la puesta en marcha.`, (l) => `Coordinaremos los detalles con ${l}.`],
    peopleInclude: [(l) => `Con gusto incluiremos ${l.startsWith("su ") ? `a ${l}` : `a ${l}`} en el siguiente paso.`, (l) => `Si le ayuda, podemos preparar un breve resumen para ${l}.`],
    peopleDecide: [(l) => `Entendemos que la decisión corresponde a ${l}; le daremos con gusto todo lo necesario para esa conversación.`],
    question: [(l) => `Sobre su pregunta (${l}): le responderemos por escrito con claridad.`],
    start: [(what, when) => `${cap(what || "el arranque")}${when.at ? ` ${when.at}` : ""} nos viene muy bien; le enviaremos la agenda con antelación.`, (what, when) => `Tenemos muchas ganas de empezar${when.at ? ` ${when.at}` : ""}${what && what !== "el arranque" ? ` con ${what}` : ""} y lo tendremos todo listo.`],
    deadline: [(what, when) => `Nos aseguraremos de que tenga todo lo necesario antes de ${when.bare}.`.replace(" de el ", " del ")],
    decision: [(what, when) => `Para que tenga todo lo necesario para su decisión ${when.at}, le escribiremos con tiempo.`],
    trialEnd: [(what, when) => `Antes de que termine su prueba, ${when.bare}, nos aseguraremos de que tenga todo para decidir.`],
    paperwork: [(docs, form) => (form ? `Completaremos su formulario de alta de proveedor y ${docs ? `le enviaremos ${docs} junto con él` : "se lo devolveremos enseguida"}.` : `Le enviaremos ${docs} enseguida.`)],
    topics: {
      pricing: [(l, s) => (s.stage === "competitor" ? `Como el precio es decisivo, la comparación incluirá un desglose claro de los costes y precios.` : s.stage === "pricing_sent" ? `Si algo de los precios necesita explicación, lo repasamos línea por línea.` : `Sobre los precios: le enviaremos por escrito las cifras para el tamaño de su equipo.`)],
      price_lock: [() => `Sobre el precio garantizado: comprobaremos qué podemos comprometer y se lo confirmaremos por escrito.`],
      currency: [(l) => `${cap(l)}: queda anotado y se lo confirmaremos por escrito junto con los precios.`],
      support: [(l, s) => (s.stage === "complaint" ? "" : `Sobre el soporte: le enviaremos cómo funciona, con los tiempos de respuesta por escrito.`)],
      pilot_done: [() => "Nos alegra que el piloto haya ido bien."],
      rollout: [() => `Para el despliegue, prepararemos un plan con fases, responsables y calendario.`],
      ease_of_use: [() => `Sobre la facilidad de uso: le mostraremos cómo su equipo haría sus tareas diarias en pocos clics, para que pueda juzgarlo usted mismo.`],
      payment_terms: [(l) => `Sobre ${l}: comprobaremos qué es posible y se lo confirmaremos por escrito.`],
      partner_program: [() => `Sobre el programa de partners: le enviaremos las condiciones de reventa y marca blanca, con los márgenes para partners y las opciones de co-branding.`],
      deck: [(l) => `Le enviaremos ${l} para que la tenga a mano.`],
      forward: [() => `Le enviaremos un breve resumen que podrá reenviar tal cual.`],
      price_ceiling: [(l) => `Comprobaremos con franqueza si ${l} es posible para usted, y se lo diremos si no lo es.`],
      recording: [() => `Le enviaremos la grabación.`],
      advocacy: [(l, s) => (s.stage === "customer" ? `Y ya que todo va bien: ¿estaría dispuesto a recomendarnos o a participar en un breve caso de éxito? Solo si le viene bien.` : "")],
      sla: [() => `Sobre el SLA: le enviaremos por escrito el compromiso de disponibilidad y los tiempos de respuesta del soporte.`],
      discount: [(l) => `Sobre el descuento${l ? ` para ${l}` : ""}: comprobaremos qué es posible y le responderemos por escrito.`],
      reorg: [() => `Entendemos que la reorganización es lo primero; después, el momento será sin duda más adecuado.`],
      budget: [() => `Sabemos que el presupuesto importa; podemos mostrarle cómo otros equipos escalonan la implantación.`],
      roi: [() => `También podemos preparar una estimación del ROI con sus propias cifras.`],
      references: [() => `Le propondremos referencias de clientes parecidos a su organización.`],
      rfp: [() => `Nos aseguraremos de que nuestra respuesta a la licitación esté completa y a tiempo.`],
      case_studies: [() => `Le enviaremos algunos casos de éxito de organizaciones parecidas a la suya.`],
      case_study: [() => `¿Le surgieron preguntas con el caso de éxito? Las respondemos con gusto.`],
      contract: [(l, s) => (s.stage === "signed" ? "" : `Sobre el contrato: revisaremos sus comentarios rápidamente para poder cerrarlo.`)],
      nonprofit: [() => `Sobre los precios para ONG: le enviaremos el detalle de nuestras condiciones para organizaciones sin ánimo de lucro.`],
      migration: [() => `Sobre la migración de datos: le explicaremos cómo suele desarrollarse y cuánto tarda.`],
      onboarding: [() => `Para el onboarding, le enviaremos un breve plan para que su equipo sepa qué esperar.`],
      pilot: [() => `Configuraremos el piloto para que pueda valorar los resultados rápidamente.`],
      trial: [(l, s) => (s.stage === "first_touch" ? "" : s.stage === "question" ? `Sobre la prueba: le confirmaremos por escrito qué es posible para su equipo y cómo empezar.` : `Nos aseguraremos de que saque el máximo partido de la prueba.`)],
    },
  },
  reconnect: [(s) => `Volveremos a ponernos en contacto a principios de ${s.month}${s.fiscal ? ", cuando haya empezado su nuevo año fiscal" : ""}, para que no se pierda nada mientras tanto.`, (s) => `Hemos anotado retomar el tema en ${s.month}${s.fiscal ? ", con su nuevo año fiscal" : ""}.`],
  askedSlot: [(s) => `¿Reservamos ${s.askWhen}? Basta con que nos lo confirme y le enviamos la invitación enseguida.`, (s) => `Reservamos ${s.askWhen}, como nos propuso, y le enviamos una invitación; si algo cambia, indíquenos otro horario.`],
  reconnectNoMonth: [(s) => (s.reason === "product" ? `Se lo trasladaremos a nuestro equipo de producto y le avisaremos cuando haya novedades.` : `Volveremos a escribirle dentro de unos meses, o cuando le venga mejor; díganoslo sin problema.`)],
  again: [(s) => `Le escribimos de nuevo en relación con nuestro mensaje${s.priorDay ? ` del ${s.priorDay}` : ""}${s.priorSubject ? ` («${s.priorSubject}»)` : ""}.`],
  lostClose: [() => `Si algo cambia o más adelante quiere una segunda opinión, basta con responder a este correo; si no, no hace falta contestar.`],
  lostSubjects: [() => `Gracias por avisarnos`],
  webinarMissed: [(s) => `Sentimos no haberle visto en ${s.flavorName}; le enviaremos la grabación para que la vea cuando le venga bien.`],
  referredBy: [(s) => `Gracias a ${s.referrer} por la presentación.`],
  theirMove: [(what, when) => `Quedamos a la espera de sus noticias ${when.at}; si antes le surge cualquier duda, basta con responder a este correo.`],
  followUpAfter: [(what, when) => `Volveremos a escribirle después de ${when.bare}, cuando haya podido hablarlo.`.replace(" de el ", " del ")],
  prefers: { morning: () => "Por la mañana nos viene muy bien, ya que es lo que prefiere.", afternoon: () => "Por la tarde nos viene muy bien, ya que es lo que prefiere.", evening: () => "A última hora del día también nos viene bien, ya que es lo que prefiere." },
  windDown: [() => `Le hemos escrito varias veces; si no es buen momento, díganoslo y cerraremos el tema por nuestra parte.`],
  industries: INDUSTRIES.es,
  genericIndustry: GENERIC_INDUSTRY.es,
  industryLines: [
    (s, [p1, p2]) => `${s.ind.noun ? `En ${s.ind.noun}` : `Como la mayoría de ${s.ind.peers}`}, ${s.hasCo ? s.co : "su equipo"} probablemente tiene que compaginar dos cosas: ${p1} y ${p2}.`,
    (s, [p1, p2]) => `Para ${s.ind.peers}${s.hasCo ? ` como ${s.co}` : ""}, ${p1} y ${p2} suelen concentrar la mayor parte del esfuerzo.`,
    (s, [p1, p2]) => `La mayoría de ${s.ind.peers} con quienes hablamos mencionan primero ${p1} y, justo después, ${p2}.`,
    (s, [p1, p2]) => `Según nuestra experiencia, la mayoría de ${s.ind.peers} sacan más partido cuando esto ayuda a ${p1} y ${p2}.`.replace(" a el ", " al "),
  ],
  sizeLines: {
    small: [(n) => `Con ${n ? `unas ${n} personas` : "un equipo reducido"}, cada hora de trabajo manual se nota en toda la empresa.`, (n) => `En un equipo ${n ? `de unas ${n} personas` : "de su tamaño"}, nadie tiene tiempo para copiar y pegar datos.`],
    mid: [(n) => `Con ${n ? `unas ${n} personas` : "un equipo mediano"}, los procesos que funcionaban a menor escala empiezan a mostrar sus límites.`, (n) => `${n ? `Con unas ${n} personas` : "A su tamaño"}, lo que antes se resolvía de palabra ahora necesita un proceso.`],
    enterprise: [(n) => `${n ? `Con unas ${n} personas` : "A esta escala"}, la coherencia entre equipos y sedes importa tanto como cualquier herramienta.`, (n) => `${n ? `Con unas ${n} personas` : "A esta escala"}, lo difícil rara vez es la herramienta y casi siempre que todos los equipos trabajen igual.`],
  },
  seniorityLines: {
    executive: [(s) => `Como ${s.title}, probablemente le interesan menos las funciones que ${s.ind.outcome}, y en eso nos centraremos.`],
    leader: [(s) => `Como ${s.title}, seguramente valora ${s.ind.outcome} y la rapidez del retorno; podemos preparar un breve caso de negocio para compartir internamente.`],
    manager: [(s) => `Como ${s.title}, está más cerca del día a día, así que la ventaja práctica sería ${s.ind.practical}.`],
    other: [(s) => `En su puesto de ${s.title}, lo primero que notaría probablemente sería ${s.ind.practical}.`],
    unknown: [(s) => `En la práctica, lo primero que notan los equipos con los que trabajamos es ${s.ind.practical}.`],
  },
  formatCount: (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "."),
};

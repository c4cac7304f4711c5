import type { Industry, Lang } from "@gardenos/lead-features";
import type { IndustryText } from "./types.js";

/**
 * Vocabulary by industry (from @gardenos/lead-features, as for the scorer) in each language the
 * writer writes. An industry without an entry gets the generic text.
 */
export const INDUSTRIES: Readonly<Record<Lang, Partial<Record<Industry, IndustryText>>>> = {
  en: {
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
  },
  de: {
  government: { noun: "dem öffentlichen Sektor", peers: "Behörden und öffentliche Einrichtungen", peersDat: "Behörden und öffentlichen Einrichtungen", pains: ["strenge Vergaberegeln", "die Modernisierung der Bürgerservices", "feste Budgets"], outcome: "Servicequalität für Bürgerinnen und Bürger und den sinnvollen Einsatz öffentlicher Mittel", practical: "weniger Papierkram und klarere Berichte" },
  nonprofit: { noun: "dem Non-Profit-Bereich", peers: "gemeinnützige Organisationen", peersDat: "gemeinnützigen Organisationen", pains: ["die langfristige Bindung von Spenderinnen und Spendern", "die Wirkungsberichte für Förderer", "viel Arbeit mit einem kleinen Team"], outcome: "Spenderbindung und Wirkung der Programme", practical: "weniger Verwaltung und mehr Zeit für die eigentliche Aufgabe" },
  healthcare: { noun: "dem Gesundheitswesen", peers: "Einrichtungen im Gesundheitswesen", pains: ["der Schutz von Patientendaten", "die Entlastung des medizinischen Personals von Verwaltung", "ein besseres Patientenerlebnis"], outcome: "Behandlungsqualität und Betriebskosten", practical: "weniger Verwaltungsstunden, die der Patientenversorgung fehlen" },
  education: { noun: "der Bildung", peers: "Schulen, Hochschulen und Bildungsanbieter", peersDat: "Schulen, Hochschulen und Bildungsanbietern", pains: ["die Motivation der Lernenden", "der Verwaltungsaufwand des Personals", "knappe Budgets"], outcome: "Lernerfolg und Einschreibungen", practical: "mehr Zeit für die Lehre und weniger für Verwaltung" },
  finance: { noun: "der Finanzbranche", peers: "Banken, Versicherer und Finanzdienstleister", peersDat: "Banken, Versicherern und Finanzdienstleistern", pains: ["die regulatorischen Anforderungen", "ein schnelleres Kunden-Onboarding ohne zusätzliches Risiko", "die Modernisierung gewachsener Systeme"], outcome: "Risiko, Compliance-Kosten und Kundenwachstum", practical: "sauberere Prüfpfade und weniger manueller Abgleich" },
  "real-estate": { noun: "der Immobilienbranche", peers: "Immobilienunternehmen", pains: ["die schnelle Nachverfolgung jeder Anfrage", "aktuelle Objektdaten", "kürzere Zeiten bis zum Abschluss"], outcome: "Abschlussvolumen und Zeit bis zum Abschluss", practical: "weniger verlorene Anfragen zwischen Besichtigung und Angebot" },
  logistics: { noun: "der Logistik", peers: "Logistik- und Supply-Chain-Unternehmen", pains: ["die Termintreue", "verlässliche Sendungsverfolgung für Kunden", "die Betriebskosten"], outcome: "Termintreue und Kosten pro Sendung", practical: "weniger Statusnachfragen und manuelle Updates" },
  hospitality: { noun: "der Hotellerie und Gastronomie", peers: "Hotels, Restaurants und Gastgewerbe", peersDat: "Hotels, Restaurants und Gastronomiebetrieben", pains: ["mehr Stammgäste", "saisonale Schwankungen", "schnelles Handeln auf Gästefeedback"], outcome: "Auslastung, Umsatz pro Gast und Bewertungen", practical: "weniger Verwaltung für das Team an der Rezeption" },
  retail: { noun: "dem Handel und E-Commerce", peers: "Händler und E-Commerce-Teams", peersDat: "Händlern und E-Commerce-Teams", pains: ["höhere Konversionsraten", "Bestände im Einklang mit der Nachfrage", "mehr Wiederkäufer"], outcome: "Marge, Warenkorbgröße und Kundenwert", practical: "weniger Zeit für manuelle Pflege und Berichte" },
  manufacturing: { noun: "der Fertigung", peers: "Fertigungsunternehmen", pains: ["weniger ungeplante Stillstände", "Transparenz über die Lieferkette", "gleichbleibende Qualität bei schwankenden Mengen"], outcome: "Durchsatz, Ausbeute und Stückkosten", practical: "weniger Tabellen zwischen Fertigung und Büro" },
  marketing: { noun: "Marketing und Werbung", peers: "Marketingagenturen", pains: ["der ROI-Nachweis gegenüber Kunden", "viele Kampagnen über viele Kanäle", "die Marge auf Retainer"], outcome: "Kundenbindung und Marge pro Kunde", practical: "weniger Zeit für Reporting und mehr für die Arbeit, die Kunden schätzen" },
  software: { noun: "der Softwarebranche", peers: "SaaS- und Softwareunternehmen", pains: ["weniger Kündigungen", "ein schnelleres Kunden-Onboarding", "die Roadmap ohne zusätzliches Personal"], outcome: "Net Revenue Retention und effizientes Wachstum", practical: "weniger manuelle Übergaben zwischen Vertrieb, Customer Success und Produkt" },
  },
  fr: {
  government: { noun: "le secteur public", peers: "organismes publics", pains: ["le respect de règles d'achat strictes", "la modernisation des services aux usagers", "des budgets contraints"], outcome: "la qualité du service aux usagers et le bon usage des fonds publics", practical: "moins de paperasse et des rapports plus clairs" },
  nonprofit: { noun: "le secteur associatif", peers: "associations et fondations", pains: ["la fidélisation des donateurs", "le suivi d'impact pour les financeurs", "beaucoup de travail avec une petite équipe"], outcome: "la fidélité des donateurs et l'impact des programmes", practical: "moins d'administratif et plus de temps pour la mission" },
  healthcare: { noun: "la santé", peers: "établissements de santé", pains: ["la protection des données patients", "l'allègement des tâches administratives des soignants", "l'expérience patient"], outcome: "la qualité des soins et les coûts de fonctionnement", practical: "moins d'heures administratives prises sur le soin" },
  education: { noun: "l'éducation", peers: "écoles, universités et organismes de formation", pains: ["l'engagement des apprenants", "la charge administrative des équipes", "des budgets serrés"], outcome: "la réussite des apprenants et les inscriptions", practical: "plus de temps pour enseigner et moins pour l'administratif" },
  finance: { noun: "les services financiers", peers: "banques, assureurs et sociétés financières", pains: ["la conformité réglementaire", "l'entrée en relation plus rapide sans risque supplémentaire", "la modernisation des systèmes existants"], outcome: "le risque, le coût de la conformité et la croissance", practical: "des pistes d'audit plus propres et moins de rapprochements manuels" },
  "real-estate": { noun: "l'immobilier", peers: "agences et sociétés immobilières", pains: ["le suivi de chaque demande avant qu'elle ne refroidisse", "des annonces à jour", "des délais de signature plus courts"], outcome: "le volume de transactions et le délai de signature", practical: "moins de demandes perdues entre visite et offre" },
  logistics: { noun: "la logistique", peers: "acteurs de la logistique et de la supply chain", pains: ["la ponctualité des livraisons", "une visibilité fiable pour les clients", "la maîtrise des coûts"], outcome: "la ponctualité et le coût par envoi", practical: "moins de relances sur les statuts et de mises à jour manuelles" },
  hospitality: { noun: "l'hôtellerie-restauration", peers: "hôtels, restaurants et groupes hôteliers", pains: ["la fidélisation des clients", "la saisonnalité", "la prise en compte rapide des avis clients"], outcome: "le taux d'occupation, le revenu par client et les avis", practical: "moins d'administratif pour les équipes d'accueil" },
  retail: { noun: "le commerce et l'e-commerce", peers: "enseignes et équipes e-commerce", pains: ["le taux de conversion", "des stocks alignés sur la demande", "la fidélisation des clients"], outcome: "la marge, le panier moyen et la valeur client", practical: "moins de temps passé sur la saisie et le reporting" },
  manufacturing: { noun: "l'industrie", peers: "industriels", pains: ["la réduction des arrêts imprévus", "la visibilité sur la chaîne d'approvisionnement", "une qualité constante quand les volumes varient"], outcome: "le rendement et le coût unitaire", practical: "moins de tableurs entre l'atelier et les bureaux" },
  marketing: { noun: "le marketing et la publicité", peers: "agences marketing", pains: ["la preuve du ROI auprès des clients", "de nombreuses campagnes multicanales", "la marge sur les contrats récurrents"], outcome: "la fidélité des clients et la marge par compte", practical: "moins de temps de reporting et plus pour le travail que les clients apprécient" },
  software: { noun: "le logiciel", peers: "éditeurs SaaS et logiciels", pains: ["la réduction du churn", "un onboarding client plus rapide", "la feuille de route sans augmenter les effectifs"], outcome: "la rétention du revenu et une croissance efficace", practical: "moins de transmissions manuelles entre ventes, customer success et produit" },
  },
  es: {
  government: { noun: "el sector público", peers: "organismos públicos", pains: ["cumplir normas de contratación estrictas", "modernizar los servicios a la ciudadanía", "trabajar con presupuestos fijos"], outcome: "la calidad del servicio y el buen uso de los fondos públicos", practical: "menos papeleo e informes más claros" },
  nonprofit: { noun: "el tercer sector", peers: "ONG y fundaciones", pains: ["fidelizar a los donantes", "informar del impacto a los financiadores", "hacer mucho con un equipo pequeño"], outcome: "la fidelidad de los donantes y el impacto de los programas", practical: "menos tareas administrativas y más tiempo para la misión" },
  healthcare: { noun: "el sector sanitario", peers: "centros sanitarios", pains: ["proteger los datos de los pacientes", "reducir la carga administrativa del personal clínico", "mejorar la experiencia del paciente"], outcome: "la calidad asistencial y los costes operativos", practical: "menos horas administrativas restadas a la atención" },
  education: { noun: "la educación", peers: "colegios, universidades y centros de formación", pains: ["mantener la implicación del alumnado", "reducir la carga administrativa del personal", "aprovechar presupuestos ajustados"], outcome: "los resultados del alumnado y las matrículas", practical: "más tiempo para enseñar y menos para la administración" },
  finance: { noun: "los servicios financieros", peers: "bancos, aseguradoras y entidades financieras", pains: ["el cumplimiento normativo", "dar de alta clientes más rápido sin añadir riesgo", "modernizar sistemas heredados"], outcome: "el riesgo, el coste de cumplimiento y el crecimiento", practical: "pistas de auditoría más limpias y menos conciliaciones manuales" },
  "real-estate": { noun: "el sector inmobiliario", peers: "inmobiliarias", pains: ["responder a cada consulta antes de que se enfríe", "mantener los inmuebles actualizados", "acortar el tiempo hasta el cierre"], outcome: "el volumen de operaciones y el tiempo de cierre", practical: "menos consultas perdidas entre visita y oferta" },
  logistics: { noun: "la logística", peers: "operadores logísticos", pains: ["la puntualidad de las entregas", "una visibilidad fiable de los envíos", "contener los costes operativos"], outcome: "la puntualidad y el coste por envío", practical: "menos consultas de estado y actualizaciones manuales" },
  hospitality: { noun: "la hostelería", peers: "hoteles, restaurantes y grupos hoteleros", pains: ["aumentar las reservas repetidas", "gestionar la estacionalidad", "actuar rápido sobre las opiniones de los clientes"], outcome: "la ocupación, el ingreso por cliente y las valoraciones", practical: "menos tareas administrativas para recepción" },
  retail: { noun: "el comercio y el e-commerce", peers: "comercios y equipos de e-commerce", pains: ["mejorar la conversión", "ajustar el inventario a la demanda", "fidelizar clientes"], outcome: "el margen, el ticket medio y el valor del cliente", practical: "menos tiempo en tareas manuales e informes" },
  manufacturing: { noun: "la industria", peers: "fabricantes", pains: ["reducir las paradas imprevistas", "ganar visibilidad en la cadena de suministro", "mantener la calidad cuando cambian los volúmenes"], outcome: "el rendimiento y el coste por unidad", practical: "menos hojas de cálculo entre la planta y la oficina" },
  marketing: { noun: "el marketing y la publicidad", peers: "agencias de marketing", pains: ["demostrar el ROI a los clientes", "gestionar muchas campañas en muchos canales", "proteger el margen de las igualas"], outcome: "la retención de clientes y el margen por cuenta", practical: "menos tiempo en informes y más en el trabajo que valoran los clientes" },
  software: { noun: "el software", peers: "empresas de software y SaaS", pains: ["reducir la tasa de bajas", "acelerar el onboarding de clientes", "cumplir la hoja de ruta sin ampliar plantilla"], outcome: "la retención de ingresos y un crecimiento eficiente", practical: "menos traspasos manuales entre ventas, customer success y producto" },
  },
};

export const GENERIC_INDUSTRY: Readonly<Record<Lang, IndustryText>> = {
  en: {
  noun: "",
  peers: "organisations",
  pains: ["keeping the pipeline moving", "getting more done without adding headcount", "having clear numbers to make decisions on"],
  outcome: "growth and efficiency",
  practical: "less manual work day to day",
},
  de: { noun: "", peers: "Unternehmen", pains: ["eine volle Pipeline", "mehr Ergebnis ohne zusätzliches Personal", "klare Zahlen als Entscheidungsgrundlage"], outcome: "Wachstum und Effizienz", practical: "weniger manuelle Arbeit im Alltag" },
  fr: { noun: "", peers: "entreprises", pains: ["un pipeline qui avance", "faire plus sans recruter", "des chiffres clairs pour décider"], outcome: "la croissance et l'efficacité", practical: "moins de travail manuel au quotidien" },
  es: { noun: "", peers: "empresas", pains: ["mantener el pipeline en marcha", "hacer más sin ampliar plantilla", "tener cifras claras para decidir"], outcome: "el crecimiento y la eficiencia", practical: "menos trabajo manual en el día a día" },
};

/**
 * Construction and the trades, which the scorer counts with real estate: their own paragraph, so a
 * plumbing firm does not read about listings and viewings.
 */
export const CONSTRUCTION_PATTERN = /construct|\bbau|handwerk|haustechnik|btp|bâtiment|construcci|plumb|hvac|roofing|electrical contract|trades?\b/i;
export const CONSTRUCTION: Readonly<Record<Lang, IndustryText>> = {
  en: {
    noun: "construction",
    peers: "construction and trades businesses",
    pains: ["keeping jobs on schedule and on budget", "getting crews and materials to the right site", "turning quotes into signed work quickly"],
    outcome: "margins per job and on-time completion",
    practical: "less chasing of job updates between the office and the site",
  },
  de: { noun: "der Baubranche", peers: "Bau- und Handwerksbetriebe", peersDat: "Bau- und Handwerksbetrieben", pains: ["Termine und Budgets auf der Baustelle einzuhalten", "Teams und Material zur richtigen Zeit vor Ort zu haben", "Angebote schnell in Aufträge zu verwandeln"], outcome: "Marge pro Auftrag und termingerechte Fertigstellung", practical: "weniger Nachfragen zwischen Büro und Baustelle" },
  fr: { noun: "le BTP", peers: "entreprises du BTP et de l'artisanat", pains: ["tenir les délais et les budgets des chantiers", "avoir les équipes et le matériel au bon endroit", "transformer plus vite les devis en commandes"], outcome: "la marge par chantier et le respect des délais", practical: "moins d'allers-retours entre le bureau et le chantier" },
  es: { noun: "la construcción", peers: "empresas de construcción e instalaciones", pains: ["cumplir plazos y presupuestos de obra", "tener equipos y material en la obra correcta", "convertir antes los presupuestos en pedidos"], outcome: "el margen por obra y la entrega a tiempo", practical: "menos llamadas entre la oficina y la obra" },
};

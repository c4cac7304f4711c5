import type { Label, Lang } from "./types.js";

/**
 * The names the context reader knows, as data: business systems (integrations, and CRMs that may
 * also be competitors), security and compliance terms, product features, commercial topics and
 * roles, each with its patterns (regex sources matched case-insensitively as whole words, in any of
 * the four languages) and the label an e-mail writes. Unknown names are still found by position
 * ("integration with X", "vs X"): see cues.ts.
 */

export interface LexItem {
  id: string;
  label: Label;
  patterns: readonly string[];
  /** Match the patterns case-sensitively (names that are also common words: "Slack", "Excel"). */
  caseSensitive?: boolean;
}

export interface SystemItem extends LexItem {
  /** A CRM, help desk or sales tool: with a competitor cue it is a competitor, else an integration. */
  crm?: boolean;
}

const same = (s: string): Label => s;

export const SYSTEMS: readonly SystemItem[] = [
  { id: "hubspot", label: same("HubSpot"), patterns: ["hub ?spot"], crm: true },
  { id: "salesforce", label: same("Salesforce"), patterns: ["salesforce", "sfdc", "sales cloud"], crm: true },
  { id: "pipedrive", label: same("Pipedrive"), patterns: ["pipedrive"], crm: true },
  { id: "zoho", label: same("Zoho CRM"), patterns: ["zoho(?: crm)?"], crm: true },
  { id: "freshsales", label: same("Freshsales"), patterns: ["freshsales"], crm: true },
  { id: "freshdesk", label: same("Freshdesk"), patterns: ["freshdesk"], crm: true },
  { id: "zendesk", label: same("Zendesk"), patterns: ["zendesk"], crm: true },
  { id: "intercom", label: same("Intercom"), patterns: ["intercom"], crm: true },
  // Not "monday.com": the output policy takes a domain for a link and removes it.
  { id: "monday", label: same("Monday"), patterns: ["monday\\.com"], crm: true },
  { id: "dynamics", label: same("Microsoft Dynamics"), patterns: ["(?:ms |microsoft )?dynamics(?: 365| crm)?"], crm: true },
  { id: "sugarcrm", label: same("SugarCRM"), patterns: ["sugar ?crm"], crm: true },
  { id: "insightly", label: same("Insightly"), patterns: ["insightly"], crm: true },
  { id: "keap", label: same("Keap"), patterns: ["keap", "infusionsoft"], crm: true },
  { id: "salesloft", label: same("Salesloft"), patterns: ["salesloft"], crm: true },
  { id: "sap", label: same("SAP"), patterns: ["sap(?:[- ](?:s/?4 ?(?:hana)?|business one|b1|erp|hana|crm))?"], caseSensitive: false },
  { id: "oracle", label: same("Oracle"), patterns: ["oracle(?: netsuite| erp)?"] },
  { id: "netsuite", label: same("NetSuite"), patterns: ["netsuite"] },
  { id: "quickbooks", label: same("QuickBooks"), patterns: ["quick ?books", "qbo"] },
  { id: "xero", label: same("Xero"), patterns: ["xero"] },
  { id: "sage", label: same("Sage"), patterns: ["Sage(?: 50| 100| 200| X3| Intacct)?"], caseSensitive: true },
  { id: "datev", label: same("DATEV"), patterns: ["datev"] },
  { id: "lexware", label: same("Lexware"), patterns: ["lexware", "lexoffice"] },
  { id: "odoo", label: same("Odoo"), patterns: ["odoo"] },
  { id: "shopify", label: same("Shopify"), patterns: ["shopify(?: plus)?"] },
  { id: "woocommerce", label: same("WooCommerce"), patterns: ["woo ?commerce"] },
  { id: "magento", label: same("Magento"), patterns: ["magento", "adobe commerce"] },
  { id: "stripe", label: same("Stripe"), patterns: ["stripe"] },
  { id: "slack", label: same("Slack"), patterns: ["Slack", "SLACK"], caseSensitive: true },
  { id: "teams", label: same("Microsoft Teams"), patterns: ["ms teams", "microsoft teams", "teams[- ](?:telephony|phone|calls?|calling|telefonie|anbindung|integration|téléphonie|telefonía)", "(?:telephony|telefonie|téléphonie|telefonía) (?:über|via|with|avec|con|mit) teams", "\\(teams\\)"] },
  { id: "outlook", label: same("Outlook"), patterns: ["outlook"] },
  { id: "gmail", label: same("Gmail"), patterns: ["gmail"] },
  { id: "google_workspace", label: same("Google Workspace"), patterns: ["google workspace", "g ?suite", "google sso", "google login"] },
  { id: "m365", label: same("Microsoft 365"), patterns: ["(?:microsoft|office|ms) 365", "o365"] },
  { id: "zapier", label: same("Zapier"), patterns: ["zapier"] },
  { id: "jira", label: same("Jira"), patterns: ["jira"] },
  { id: "github", label: same("GitHub"), patterns: ["github"] },
  { id: "gitlab", label: same("GitLab"), patterns: ["gitlab"] },
  { id: "splunk", label: same("Splunk"), patterns: ["splunk"] },
  { id: "adp", label: same("ADP"), patterns: ["ADP"], caseSensitive: true },
  { id: "google_calendar", label: same("Google Calendar"), patterns: ["google (?:calendar|agenda|kalender|calendario)"] },
  { id: "confluence", label: same("Confluence"), patterns: ["confluence"] },
  { id: "asana", label: same("Asana"), patterns: ["asana"] },
  { id: "trello", label: same("Trello"), patterns: ["trello"] },
  { id: "mailchimp", label: same("Mailchimp"), patterns: ["mailchimp"] },
  { id: "marketo", label: same("Marketo"), patterns: ["marketo"] },
  { id: "pardot", label: same("Pardot"), patterns: ["pardot"] },
  { id: "activecampaign", label: same("ActiveCampaign"), patterns: ["active ?campaign"] },
  { id: "klaviyo", label: same("Klaviyo"), patterns: ["klaviyo"] },
  { id: "twilio", label: same("Twilio"), patterns: ["twilio"] },
  { id: "whatsapp", label: same("WhatsApp"), patterns: ["whats ?app"] },
  { id: "okta", label: same("Okta"), patterns: ["okta"] },
  { id: "azure_ad", label: same("Azure AD"), patterns: ["azure(?: ad| active directory)", "entra(?: id)?"] },
  { id: "onelogin", label: same("OneLogin"), patterns: ["onelogin"] },
  { id: "auth0", label: same("Auth0"), patterns: ["auth0"] },
  { id: "powerbi", label: same("Power BI"), patterns: ["power ?bi"] },
  { id: "tableau", label: same("Tableau"), patterns: ["tableau"], caseSensitive: false },
  { id: "looker", label: same("Looker"), patterns: ["looker(?: studio)?"] },
  { id: "snowflake", label: same("Snowflake"), patterns: ["snowflake"] },
  { id: "bigquery", label: same("BigQuery"), patterns: ["big ?query"] },
  { id: "excel", label: same("Excel"), patterns: ["Excel", "EXCEL", "xlsx"], caseSensitive: true },
  { id: "sheets", label: same("Google Sheets"), patterns: ["google sheets"] },
  { id: "workday", label: same("Workday"), patterns: ["workday"] },
  { id: "personio", label: same("Personio"), patterns: ["personio"] },
  { id: "bamboohr", label: same("BambooHR"), patterns: ["bamboo ?hr"] },
  { id: "servicenow", label: same("ServiceNow"), patterns: ["service ?now"] },
  { id: "docusign", label: same("DocuSign"), patterns: ["docu ?sign"] },
  { id: "calendly", label: same("Calendly"), patterns: ["calendly"] },
  { id: "zoom", label: same("Zoom"), patterns: ["Zoom"], caseSensitive: true },
  { id: "linkedin", label: same("LinkedIn"), patterns: ["linked ?in(?: sales navigator)?", "sales navigator"] },
  { id: "aircall", label: same("Aircall"), patterns: ["aircall"] },
  { id: "sharepoint", label: same("SharePoint"), patterns: ["share ?point"] },
  { id: "airtable", label: same("Airtable"), patterns: ["airtable"] },
  { id: "notion", label: same("Notion"), patterns: ["Notion"], caseSensitive: true },
];

/** Security and compliance: answered together ("I'll send our documentation on SSO and SOC 2"). */
export const SECURITY: readonly LexItem[] = [
  { id: "ip_allowlist", label: { en: "IP allowlisting", de: "IP-Freigabelisten (Allowlisting)", fr: "la liste blanche d'adresses IP", es: "la lista blanca de IP" }, patterns: ["ip[- ]?(?:allow|white)[- ]?list\\w*", "ip (?:address )?restrictions?", "ip[- ]freigabe\\w*", "liste blanche (?:d'|des )?(?:adresses )?ip", "lista blanca de (?:direcciones )?ip"] },
  { id: "evv", label: { en: "EVV compliance", de: "EVV-Konformität", fr: "la conformité EVV", es: "el cumplimiento EVV" }, patterns: ["evv(?: compliance)?", "electronic visit verification"] },
  { id: "siem", label: { en: "log streaming to your SIEM", de: "Log-Weiterleitung an Ihr SIEM", fr: "l'envoi des journaux vers votre SIEM", es: "el envío de registros a su SIEM" }, patterns: ["siem", "(?:stream|forward|send|ship)(?:ed|ing)? (?:the )?(?:audit )?logs? to"] },
  { id: "subprocessors", label: { en: "subprocessors", de: "Unterauftragsverarbeiter", fr: "les sous-traitants", es: "los subencargados" }, patterns: ["sub-?processors?", "unterauftragsverarbeiter\\w*", "sous-traitants?(?: ultérieurs?)?", "subencargados?"] },
  { id: "pci", label: same("PCI DSS"), patterns: ["pci(?:[- ]dss)?"] },
  { id: "accessibility", label: { en: "accessibility", de: "Barrierefreiheit", fr: "l'accessibilité", es: "la accesibilidad" }, patterns: ["accessib\\w*", "wcag(?: ?2(?:\\.[12])?)?", "section 508", "barrierefrei\\w*", "bitv(?: ?2(?:\\.0)?)?", "rgaa", "accesibilidad"] },
  { id: "nda", label: { en: "an NDA", de: "eine Geheimhaltungsvereinbarung (NDA)", fr: "un accord de confidentialité (NDA)", es: "un acuerdo de confidencialidad (NDA)" }, patterns: ["nda", "non[- ]disclosure agreement", "geheimhaltungsvereinbarung", "vertraulichkeitsvereinbarung", "accord de confidentialité", "acuerdo de confidencialidad"] },
  { id: "sso", label: { en: "SSO", de: "SSO", fr: "le SSO", es: "el SSO" }, patterns: ["sso", "single[- ]sign[- ]on"] },
  { id: "saml", label: same("SAML"), patterns: ["saml(?: ?2(?:\\.0)?)?"] },
  { id: "scim", label: { en: "SCIM provisioning", de: "SCIM-Provisioning", fr: "le provisioning SCIM", es: "el aprovisionamiento SCIM" }, patterns: ["scim(?: provisioning)?", "user provisioning"] },
  { id: "mfa", label: { en: "two-factor authentication", de: "Zwei-Faktor-Authentifizierung", fr: "l'authentification à deux facteurs", es: "la autenticación de dos factores" }, patterns: ["mfa", "2fa", "two[- ]factor(?: auth\\w*)?", "multi[- ]factor(?: auth\\w*)?", "zwei[- ]faktor\\w*"] },
  { id: "soc2", label: same("SOC 2"), patterns: ["soc ?2(?: type (?:ii|2|i|1))?(?: report)?"] },
  { id: "iso27001", label: same("ISO 27001"), patterns: ["iso[- ]?27001"] },
  { id: "gdpr", label: { en: "GDPR", de: "DSGVO", fr: "la conformité RGPD", es: "el RGPD" }, patterns: ["gdpr", "dsgvo", "rgpd", "data protection", "datenschutz(?!beauftragt)\\w*", "protection des données", "protección de datos"] },
  { id: "hipaa", label: same("HIPAA"), patterns: ["hipaa"] },
  { id: "baa", label: { en: "a BAA (business associate agreement)", de: "BAA (Business Associate Agreement)", fr: "le BAA (Business Associate Agreement)", es: "el BAA (Business Associate Agreement)" }, patterns: ["baa", "business associate agreement"] },
  { id: "dpa", label: { en: "the DPA (data processing agreement)", de: "AV-Vertrag (DPA)", fr: "le DPA (accord de traitement des données)", es: "el DPA (acuerdo de tratamiento de datos)" }, patterns: ["dpa", "data processing agreement", "avv", "av-vertrag", "auftragsverarbeitung\\w*"] },
  { id: "pentest", label: { en: "our penetration test summary", de: "Penetrationstest", fr: "la synthèse de notre test d'intrusion (pentest)", es: "el resumen de nuestra prueba de penetración (pentest)" }, patterns: ["pen[- ]?test(?:ing)?(?: summary| report)?", "penetration test\\w*", "test d'intrusion", "prueba de penetración"] },
  { id: "encryption", label: { en: "encryption", de: "Verschlüsselung", fr: "le chiffrement", es: "el cifrado de datos" }, patterns: ["encrypt\\w*", "verschlüssel\\w*", "chiffrement", "cifrado(?: de datos)?"] },
  { id: "on_prem", label: { en: "on-premise hosting", de: "On-Premise-Betrieb", fr: "l'hébergement on-premise", es: "la instalación on-premise" }, patterns: ["on[- ]?prem(?:ise|ises)?", "self[- ]hosted", "selbst gehostet"] },
  { id: "audit_log", label: { en: "audit logs", de: "Audit-Logs", fr: "les journaux d'audit", es: "los registros de auditoría" }, patterns: ["audit[- ]?logs?", "audit trails?", "journaux d'audit", "registros? de auditoría"] },
  { id: "security_docs", label: { en: "the security whitepaper", de: "Sicherheits-Whitepaper", fr: "le livre blanc sécurité", es: "el documento de seguridad" }, patterns: ["security (?:white ?paper|documentation|docs|overview|pack(?:age)?)", "sicherheits(?:dokumentation|konzept|-?whitepaper)", "(?:livre blanc|documentation) (?:de )?sécurité", "documentaci[oó]n de seguridad"] },
  { id: "questionnaire", label: { en: "the security questionnaire", de: "Sicherheitsfragebogen", fr: "le questionnaire de sécurité", es: "el cuestionario de seguridad" }, patterns: ["security questionnaire", "questionnaire", "sicherheitsfragebogen", "fragebogen", "questionnaire de sécurité", "cuestionario(?: de seguridad)?"] },
  { id: "permissions", label: { en: "user roles and permissions", de: "Rollen und Berechtigungen", fr: "les rôles et droits d'accès", es: "los roles y permisos" }, patterns: ["permissions?", "rbac", "user roles", "berechtigung\\w*", "droits d'accès", "permisos"] },
];

/** Hosting and data residency: a topic of its own, with the region when one is named. */
export const HOSTING = {
  patterns: ["data residency", "(?:data|where (?:the |their |our )?data is) hosted", "data (?:can |could |must |should |will |would |has to |needs to |to )?(?:stays?|remains?|resides?|be (?:stored|kept|hosted))", "daten (?:bleiben|liegen|gespeichert)", "(?:eu|european) data cent(?:er|re)s?", "daten (?:in|im) [\\p{L} ]{2,30}?(?:bleiben|liegen|gespeichert)", "données (?:en|dans) [\\p{L}' ]{2,30}?(?:restent|stockées|hébergées)", "datos (?:en) [\\p{L} ]{2,30}?(?:se quedan|permanecen|almacenados|alojados)", "données (?:restent|stockées|hébergées)", "datos (?:se quedan|permanecen|almacenados|alojados)", "hosted", "gehostet", "hosting", "data cent(?:er|re)s?", "servers?", "rechenzentr\\w*", "hosting", "server\\w*", "hébergement", "hébergé\\w*", "alojamiento", "servidores?", "centro de datos"],
  regions: [
    { pattern: "the eu|eu|europe|europa|l'ue|l'europe|ue|la ue", label: { en: "the EU", de: "der EU", fr: "l'UE", es: "la UE" } },
    { pattern: "germany|deutschland|allemagne|alemania", label: { en: "Germany", de: "Deutschland", fr: "Allemagne", es: "Alemania" } },
    { pattern: "france|frankreich|francia", label: { en: "France", de: "Frankreich", fr: "France", es: "Francia" } },
    { pattern: "spain|spanien|espagne|españa", label: { en: "Spain", de: "Spanien", fr: "Espagne", es: "España" } },
    { pattern: "switzerland|schweiz|suisse|suiza", label: { en: "Switzerland", de: "der Schweiz", fr: "Suisse", es: "Suiza" } },
    { pattern: "the uk|uk|united kingdom", label: { en: "the UK", de: "Großbritannien", fr: "Royaume-Uni", es: "Reino Unido" } },
    { pattern: "the us|us|usa|united states", label: { en: "the US", de: "den USA", fr: "États-Unis", es: "Estados Unidos" } },
  ],
} as const;

/** Product features a prospect asks about or wants to see. */
export const FEATURES: readonly LexItem[] = [
  { id: "online_booking", label: { en: "online booking", de: "Online-Terminbuchung", fr: "la prise de rendez-vous en ligne", es: "las reservas online" }, patterns: ["online (?:booking|appointments?|scheduling)", "booking (?:page|widget|system)", "online-?(?:termin)?buchung\\w*", "réservation en ligne", "prise de rendez-vous en ligne", "(?:reservas?|citas?) (?:en línea|online)"] },
  { id: "volunteers", label: { en: "volunteer management", de: "die Verwaltung der Ehrenamtlichen", fr: "la gestion des bénévoles", es: "la gestión de voluntarios" }, patterns: ["volunteers?", "ehrenamtliche[nr]?", "freiwillige[nr]?", "bénévoles?", "voluntari[oa]s?"] },
  { id: "ticketing", label: { en: "ticketing", de: "Ticketing", fr: "la billetterie", es: "la venta de entradas" }, patterns: ["ticketing", "ticket sales", "ticketverkauf", "billetterie", "venta de entradas", "taquilla"] },
  { id: "sandbox", label: { en: "a sandbox environment", de: "eine Testumgebung", fr: "un environnement de test", es: "un entorno de pruebas" }, patterns: ["sandbox(?:es| environments?)?", "test environments?", "staging environments?", "testumgebung\\w*", "environnements? de test", "entornos? de pruebas"] },
  { id: "gps", label: { en: "GPS tracking", de: "GPS-Ortung", fr: "le suivi GPS", es: "el rastreo GPS" }, patterns: ["gps(?: tracking)?", "(?:live |vehicle |fleet )tracking", "ortung", "suivi gps", "géolocalisation", "rastreo(?: gps)?"] },
  { id: "driver_app", label: { en: "the driver app", de: "die Fahrer-App", fr: "l'application chauffeurs", es: "la app para conductores" }, patterns: ["driver app", "app for (?:the |their )?drivers", "fahrer-?app", "app für (?:die )?fahrer", "application (?:pour les )?chauffeurs", "app (?:para|de) (?:los )?conductores"] },
  { id: "payroll", label: { en: "payroll", de: "Lohnabrechnung", fr: "la paie", es: "las nóminas" }, patterns: ["payroll", "lohnabrechnung", "gehaltsabrechnung", "(?:logiciel de )?paie", "nóminas?"] },
  { id: "registrations", label: { en: "registrations", de: "Anmeldungen", fr: "les inscriptions", es: "las inscripciones" }, patterns: ["registrations", "enrol(?:l)?ments?", "admissions", "anmeldungen", "inscriptions", "inscripciones", "matrículas"] },
  { id: "parent_comms", label: { en: "communication with parents", de: "die Kommunikation mit den Eltern", fr: "la communication avec les parents", es: "la comunicación con los padres" }, patterns: ["(?:communication|messages?|messaging|kommunikation|comunicación) (?:with|avec|mit|con) (?:the |les |den |los )?(?:parents|eltern|padres|familles|families|familias)", "parent (?:communication|messaging|portal)"] },
  { id: "promotions", label: { en: "promotions", de: "Aktionen", fr: "les promotions", es: "las promociones" }, patterns: ["promos?", "promotions?", "aktionen", "promociones"] },
  { id: "ui_language", label: { en: "the interface in other languages", de: "die Oberfläche in weiteren Sprachen", fr: "l'interface dans d'autres langues", es: "la interfaz en otros idiomas" }, patterns: ["(?:multi-?lingual|multiple languages|mehrsprachig\\w*|multilingue|multilingüe)"] },
  { id: "sms", label: { en: "SMS", de: "SMS", fr: "les SMS", es: "los SMS" }, patterns: ["sms", "text messag\\w*", "textnachricht\\w*", "mensajes? de texto"] },
  { id: "reminders", label: { en: "reminders", de: "Erinnerungen", fr: "les rappels", es: "los recordatorios" }, patterns: ["(?:appointment |automatic |automated )?reminders?", "(?:termin)?erinnerung\\w*", "rappels? (?:de rendez-vous|automatiques?)", "recordatorios?"] },
  { id: "multi_location", label: { en: "several locations", de: "mehrere Standorte", fr: "plusieurs sites", es: "varias sedes" }, patterns: ["(?:multiple|several|many|all (?:their|our|the)) (?:\\p{L}+ )?(?:locations|sites|clinics|branches|stores|offices|practices)", "mehrere (?:standorte|filialen|niederlassungen|praxen)", "plusieurs (?:sites|agences|établissements|magasins|cabinets)", "(?:varias|múltiples) (?:sedes|sucursales|clínicas|tiendas|oficinas)"] },
  { id: "surveys", label: { en: "surveys", de: "Umfragen", fr: "les enquêtes", es: "las encuestas" }, patterns: ["surveys?", "umfrage\\w*", "enquêtes? (?:de satisfaction|clients?)", "sondages?", "encuestas?"] },
  { id: "api", label: { en: "the API", de: "API", fr: "l'API", es: "la API" }, patterns: ["apis?", "rest api", "webhooks?"] },
  { id: "rate_limits", label: { en: "API rate limits", de: "API-Rate-Limits", fr: "les limites de débit de l'API", es: "los límites de uso de la API" }, patterns: ["rate[- ]limits?", "rate[- ]limiting"] },
  { id: "reporting", label: { en: "reporting", de: "Reporting", fr: "le reporting", es: "los informes" }, patterns: ["report(?:s|ing)?", "bericht\\w*", "(?<!par )rapports?", "informes?"] },
  { id: "dashboards", label: { en: "dashboards", de: "Dashboards", fr: "les tableaux de bord", es: "los paneles" }, patterns: ["dashboards?", "tableaux? de bord", "paneles?"] },
  { id: "forecasting", label: { en: "forecasting", de: "Prognosen", fr: "les prévisions", es: "las previsiones" }, patterns: ["forecast\\w*", "prognose\\w*", "prévisions?", "previsi\\w*"] },
  { id: "mobile_app", label: { en: "the mobile app", de: "mobile App", fr: "l'application mobile", es: "la app móvil" }, patterns: ["mobile app", "app móvil", "aplicación móvil", "application mobile", "mobile[- ]app"] },
  { id: "approvals", label: { en: "approval workflows", de: "Freigabe-Workflows", fr: "les circuits de validation", es: "los flujos de aprobación" }, patterns: ["approval(?: workflows?| flows?)?", "approvals", "freigabe\\w*", "circuits? de validation", "aprobaci\\w*"] },
  { id: "email_campaigns", label: { en: "email campaigns", de: "E-Mail-Kampagnen", fr: "les campagnes d'e-mailing", es: "las campañas de correo" }, patterns: ["e-?mail (?:marketing |campaign |newsletter )?automation", "e-?mail campaigns?", "e-?mail marketing", "marketing automation", "newsletters?", "e-?mail-?kampagnen?", "e-?mail-?marketing", "marketing-?automatisierung", "campagnes? (?:d'e-?mailing|e-?mailing|e-?mail|d'e-?mails?)", "e-?mailing", "campañas? de (?:e-?mail|correo)(?: electrónico)?", "email marketing"] },
  { id: "workflows", label: { en: "workflow automation", de: "Workflow-Automatisierung", fr: "l'automatisation des workflows", es: "la automatización de flujos" }, patterns: ["workflows?", "automation", "automatisierung", "automatisation", "automatización"] },
  { id: "multi_currency", label: { en: "multi-currency support", de: "Mehrwährungsfähigkeit", fr: "la gestion multi-devises", es: "la gestión multimoneda" }, patterns: ["multi[- ]?currenc\\w*", "mehrwährung\\w*", "multi[- ]?devises?", "multimoneda", "multi[- ]?divisas?"] },
  { id: "export", label: { en: "data export", de: "Datenexport", fr: "l'export des données", es: "la exportación de datos" }, patterns: ["data export", "export\\w*", "datenexport"] },
  { id: "import", label: { en: "data import", de: "Datenimport", fr: "l'import des données", es: "la importación de datos" }, patterns: ["data import", "csv import", "datenimport"] },
  { id: "custom_fields", label: { en: "custom fields", de: "benutzerdefinierte Felder", fr: "les champs personnalisés", es: "los campos personalizados" }, patterns: ["custom fields?", "benutzerdefinierte felder", "champs personnalisés", "campos personalizados"] },
  { id: "alerts", label: { en: "alerts", de: "Benachrichtigungen", fr: "les alertes", es: "las alertas" }, patterns: ["alerts?", "notifications?", "benachrichtigung\\w*", "alertes?", "alertas?"] },
  { id: "ai", label: { en: "the AI features", de: "KI-Funktionen", fr: "les fonctions d'IA", es: "las funciones de IA" }, patterns: ["ai features?", "ki[- ]funktion\\w*", "fonctions? d'ia", "funciones? de ia"] },
  { id: "offline", label: { en: "offline mode", de: "Offline-Modus", fr: "le mode hors ligne", es: "el modo sin conexión" }, patterns: ["offline(?: mode)?", "hors ligne", "sin conexión"] },
  { id: "route_planning", label: { en: "route planning", de: "Tourenplanung", fr: "la planification des tournées", es: "la planificación de rutas" }, patterns: ["route planning", "routing", "touren(?:planung)?", "routenplanung", "planification des tournées", "tournées", "planificación de rutas", "rutas"] },
  { id: "scheduling", label: { en: "scheduling", de: "Einsatz- und Dienstplanung", fr: "la gestion des plannings", es: "la gestión de turnos" }, patterns: ["scheduling(?! (?:a|an|the|our|their|of a) )", "schedule management", "shift (?:planning|scheduling|swaps?|changes?)", "shifts", "rotas?", "dienstplan\\w*", "schichtplan\\w*", "einsatzplan\\w*", "plannings", "gestion des plannings", "planning des équipes", "turnos?", "cuadrantes?"] },
  { id: "territories", label: { en: "territory management", de: "Gebietsmanagement", fr: "la gestion des territoires", es: "la gestión de territorios" }, patterns: ["territor(?:y|ies)(?: management| planning)?", "gebiet\\w*", "territoires?", "territorios?"] },
  { id: "telephony", label: { en: "telephony", de: "Telefonie", fr: "la téléphonie", es: "la telefonía" }, patterns: ["telephony", "voip", "phone system", "telefonie\\w*", "telefonanlage", "téléphonie", "telefonía"] },
  { id: "invoicing", label: { en: "invoicing", de: "Rechnungsstellung", fr: "la facturation", es: "la facturación" }, patterns: ["invoic\\w*", "billing", "(?<!nutzen-|lichkeits)rechnung\\w*", "fakturierung", "factur\\w*"] },
  { id: "training", label: { en: "training", de: "Schulung", fr: "la formation", es: "la formación" }, patterns: ["training", "schulung\\w*", "formation", "formaci[oó]n", "capacitaci[oó]n"] },
  { id: "recording", label: { en: "the recording", de: "Aufzeichnung", fr: "l'enregistrement", es: "la grabación" }, patterns: ["recording", "aufzeichnung", "enregistrement", "grabación"] },
  { id: "agenda", label: { en: "the agenda", de: "Agenda", fr: "l'ordre du jour", es: "la agenda" }, patterns: ["agenda", "tagesordnung", "ordre du jour"] },
  { id: "purchase_order", label: { en: "the purchase order (PO)", de: "Bestellung (PO)", fr: "le bon de commande", es: "la orden de compra" }, patterns: ["PO", "[Pp]urchase [Oo]rders?", "[Bb]estellnummer", "[Bb]on de commande", "[Oo]rden de compra"], caseSensitive: true },
  { id: "templates", label: { en: "templates", de: "Vorlagen", fr: "les modèles", es: "las plantillas" }, patterns: ["templates?", "vorlagen", "plantillas?"] },
];

/** Commercial topics. Their sentences live in the writer's phrase tables, keyed by id. */
export const TOPICS: readonly LexItem[] = [
  { id: "nonprofit", label: { en: "non-profit pricing", de: "Non-Profit-Konditionen", fr: "les tarifs associatifs", es: "los precios para ONG" }, patterns: ["non-?profits?", "charit(?:y|ies)", "ngos?", "gemeinnützig\\w*", "associati(?:f|ve|ves)", "secteur associatif", "ong", "sin ánimo de lucro", "sin fines de lucro"] },
  { id: "recording", label: { en: "the recording", de: "die Aufzeichnung", fr: "l'enregistrement", es: "la grabación" }, patterns: ["recording", "replay", "aufzeichnung", "enregistrement", "rediffusion", "grabación"] },
  { id: "partner_program", label: { en: "the partner programme", de: "das Partnerprogramm", fr: "le programme partenaires", es: "el programa de partners" }, patterns: ["resell(?:er|ers|ing)(?: program(?:me)?)?", "white[- ]?label\\w*", "partner program(?:me)?", "referral partners?", "wiederverkäufer\\w*", "partnerprogramm", "revendeurs?", "marque blanche", "programme partenaires?", "revendedor(?:es)?", "marca blanca", "programa de (?:partners|socios)"] },
  { id: "deck", label: { en: "an overview deck", de: "eine Übersichtspräsentation", fr: "une présentation", es: "una presentación" }, patterns: ["(?:overview |intro |sales |pitch |slide )?deck", "one-?pager", "übersichtspräsentation", "präsentation", "plaquette", "présentation (?:commerciale|générale)", "presentación(?: comercial)?"] },
  { id: "forward", label: { en: "a summary to forward", de: "eine Zusammenfassung zum Weiterleiten", fr: "une synthèse à transmettre", es: "un resumen para reenviar" }, patterns: ["(?:something|a summary|an overview|a one-?pager|info|details) (?:she|he|they|i) (?:can|could) (?:forward|share|pass on|send on)", "(?:to|can) forward (?:it )?to (?:him|her|them|the|their)", "weiterleiten", "weitergeben", "transmettre à (?:son|sa|leur)", "(?:pour|à) transmettre", "reenviar(?:lo|la)? a", "para reenviar"] },
  { id: "pilot_done", label: { en: "the pilot", de: "Pilotprojekt", fr: "le pilote", es: "el piloto" }, patterns: ["pilot(?: [\\p{L}\\p{N}]+){0,4} (?:went|was|has been|is) (?:very |really )?(?:well|great|good|successful|a success|done|complete|completed|over)", "(?:successful|completed) pilot", "pilot(?:projekt)? (?:war|lief) (?:sehr )?(?:gut|erfolgreich)", "erfolgreiche[nrs]? pilot\\w*", "pilote (?:s'est (?:très )?bien passé|concluant|réussi|terminé)", "piloto (?:fue|salió) (?:muy )?bien", "piloto (?:exitoso|terminado)"] },
  { id: "rollout", label: { en: "the rollout", de: "Rollout", fr: "le déploiement", es: "el despliegue" }, patterns: ["roll-?outs?(?: plan)?", "deployment plan", "company-wide deployment", "einführungsplan", "flächendeckend\\w*", "plan de déploiement", "déploiement", "plan de despliegue", "despliegue"] },
  { id: "ease_of_use", label: { en: "ease of use", de: "einfache Bedienung", fr: "la simplicité d'utilisation", es: "la facilidad de uso" }, patterns: ["too (?:complicated|complex|hard to use)", "simpler", "easier to use", "ease of use", "user[- ]friendly", "easy to use", "zu kompliziert", "einfacher", "benutzerfreundlich\\w*", "einfach zu bedienen", "trop compliqué\\w*", "plus simple", "facile à utiliser", "demasiado complicad[oa]", "más (?:sencill[oa]|simple|fácil)", "fácil de usar"] },
  { id: "vendor_form", label: { en: "your vendor onboarding", de: "Ihre Lieferantenanlage", fr: "votre référencement fournisseur", es: "su alta de proveedor" }, patterns: ["(?:vendor|supplier) (?:onboarding|registration|setup|set-up)(?: forms?)?", "(?:new )?(?:vendor|supplier) forms?", "lieferanten(?:anlage|formular|registrierung|aufnahme)\\w*", "(?:fiche|référencement|formulaire) fournisseurs?", "alta de proveedor(?:es)?"] },
  { id: "doc_vat", label: { en: "our VAT number", de: "unsere USt-IdNr.", fr: "notre numéro de TVA", es: "nuestro número de IVA" }, patterns: ["vat (?:number|id|no\\.?|registration)", "ust-?id(?:nr)?\\.?", "umsatzsteuer-?id\\w*", "(?:numéro de )?tva intracommunautaire", "numéro de tva", "(?:número de )?(?:iva|nif|cif)"] },
  { id: "doc_w9", label: { en: "a completed W-9", de: "ein ausgefülltes W-9-Formular", fr: "un formulaire W-9 rempli", es: "un formulario W-9 completado" }, patterns: ["w-?9(?: form)?"] },
  { id: "doc_bank", label: { en: "our bank details", de: "unsere Bankverbindung", fr: "nos coordonnées bancaires", es: "nuestros datos bancarios" }, patterns: ["bank (?:details|account details|information)", "bankverbindung", "bankdaten", "rib", "coordonnées bancaires", "datos bancarios"] },
  { id: "doc_insurance", label: { en: "proof of insurance", de: "einen Versicherungsnachweis", fr: "une attestation d'assurance", es: "un certificado de seguro" }, patterns: ["(?:proof|certificate) of insurance", "insurance (?:certificate|proof|cover)", "versicherungsnachweis\\w*", "attestation d'assurance", "certificado de seguro"] },
  { id: "price_lock", label: { en: "a price lock", de: "Preisgarantie", fr: "la garantie de prix", es: "el precio garantizado" }, patterns: ["price (?:lock|guarantee|protection|freeze|cap)", "locked[- ]in pric\\w*", "lock(?:ed)? (?:in )?(?:the )?(?:price|pricing|rate)s?", "preisgarantie", "preisbindung", "festpreis\\w*", "garantie de prix", "prix garantis?", "blocage (?:des|du) prix", "precio (?:fijo|garantizado|congelado)", "congelar (?:el )?precio"] },
  { id: "discount", label: { en: "the discount", de: "Rabatt", fr: "la remise", es: "el descuento" }, patterns: ["discount\\w*", "rabatt\\w*", "nachlass", "remises?", "réduction", "descuentos?"] },
  { id: "roi", label: { en: "an ROI estimate", de: "ROI-Rechnung", fr: "une estimation du ROI", es: "una estimación del ROI" }, patterns: ["roi(?: calculator| estimate| case)?", "business case", "return on investment", "cost[- ]benefit(?: analysis)?", "kosten-nutzen-\\p{L}+", "wirtschaftlichkeits\\w*", "rentabilité", "analyse coûts?-bénéfices?", "retorno de la inversión", "(?:análisis )?coste-beneficio"] },
  { id: "pricing", label: { en: "pricing", de: "Preise", fr: "les tarifs", es: "los precios" }, patterns: ["pric(?:e|es|ing)", "costs?", "preis\\w*", "kosten", "prix", "tarif\\w*", "precios?", "costes?", "coste"] },

  { id: "case_study", label: { en: "the case study", de: "Fallstudie", fr: "l'étude de cas", es: "el caso de éxito" }, patterns: ["case study", "fallstudie", "étude de cas", "caso de éxito", "caso práctico"] },
  { id: "references", label: { en: "customer references", de: "Referenzkunden", fr: "des clients de référence", es: "referencias de clientes" }, patterns: ["(?:customer |client )?references", "reference (?:customers?|calls?|contacts?|accounts?)", "referenzkunden", "références? clients?", "clients? de référence", "referencias de clientes", "clientes de referencia"] },
  { id: "rfp", label: { en: "the RFP", de: "die Ausschreibung", fr: "l'appel d'offres", es: "la licitación" }, patterns: ["rfp", "rfi", "rfq", "request for (?:proposal|information|quotation)", "tender", "ausschreibung", "appel d'offres", "licitaci[óo]n"] },
  { id: "case_studies", label: { en: "case studies", de: "Referenzen", fr: "des études de cas", es: "casos de éxito" }, patterns: ["case studies", "references", "customer stories", "referenz\\w*", "études de cas", "cas clients?", "casos de éxito", "referencias"] },
  { id: "proposal", label: { en: "the proposal", de: "Angebot", fr: "la proposition", es: "la propuesta" }, patterns: ["proposal", "quote", "quotation", "offer", "angebot\\w*", "devis", "proposition", "offre", "propuesta", "cotización"] },
  { id: "contract", label: { en: "the contract", de: "Vertrag", fr: "le contrat", es: "el contrato" }, patterns: ["contract", "redlines?", "agreement", "msa", "vertrag\\w*", "contrat", "contrato"] },
  { id: "trial", label: { en: "the trial", de: "Testphase", fr: "l'essai", es: "la prueba" }, patterns: ["trial", "testphase", "testzugang", "essai", "période d'essai", "prueba gratuita", "prueba gratis", "pruebas? gratuitas?", "periodo de prueba", "free trial"] },
  { id: "pilot", label: { en: "the pilot", de: "Pilotprojekt", fr: "le pilote", es: "el piloto" }, patterns: ["pilot\\w*", "piloto", "poc", "proof of concept"] },
  { id: "onboarding", label: { en: "onboarding", de: "Onboarding", fr: "l'onboarding", es: "el onboarding" }, patterns: ["onboarding", "einführung", "einarbeitung", "training", "schulung\\w*", "formation", "formación"] },
  { id: "kickoff", label: { en: "the kickoff", de: "Kick-off", fr: "le lancement", es: "el arranque" }, patterns: ["kick-?off", "lancement", "arranque", "auftakt\\w*"] },
  { id: "go_live", label: { en: "go-live", de: "Go-live", fr: "la mise en production", es: "la puesta en marcha" }, patterns: ["go-?live", "going live", "live ?gang", "mise en (?:production|service)", "puesta en marcha"] },
  { id: "migration", label: { en: "the data migration", de: "Datenmigration", fr: "la migration des données", es: "la migración de datos" }, patterns: ["migrat\\w*", "datenmigration", "migración(?: de datos)?", "migration des données"] },
  { id: "reorg", label: { en: "the reorganisation", de: "Umstrukturierung", fr: "la réorganisation", es: "la reorganización" }, patterns: ["reorg\\w*", "re-?organi[sz]\\w*", "restructur\\w*", "umstrukturierung\\w*", "neuorganisation", "réorganisation", "restructuration", "reorganización", "reestructuración"] },
  { id: "budget", label: { en: "budget", de: "Budget", fr: "le budget", es: "el presupuesto" }, patterns: ["budgets?", "presupuestos?"] },
  { id: "webinar", label: { en: "the webinar", de: "Webinar", fr: "le webinaire", es: "el webinar" }, patterns: ["webinar\\w*", "webinaire", "webcast"] },
  { id: "event", label: { en: "the event", de: "Messe", fr: "le salon", es: "la feria" }, patterns: ["(?:our|the|a|your|notre|nuestro|unser(?:em|en)?|ihrem) (?:booth|stand)", "stand (?:at|auf|en|à|de)", "trade ?show", "booth", "conference", "breakfast", "networking (?:event|evening|breakfast|lunch)", "meetup", "frühstück", "petit-déjeuner", "desayuno", "expo", "messe", "messestand", "salon", "feria", "congreso"] },
  { id: "sla", label: { en: "the SLA", de: "SLA", fr: "le SLA", es: "el SLA" }, patterns: ["(?:uptime )?slas?", "uptime", "availability guarantee", "verfügbarkeit\\w*", "disponibilité", "disponibilidad"] },
  { id: "advocacy", label: { en: "a reference", de: "eine Empfehlung", fr: "une recommandation", es: "una recomendación" }, patterns: ["(?:would |willing to |happy to )?(?:recommend|refer) us", "referrals?", "testimonials?", "reference (?:call|customer)", "(?:uns )?(?:weiter)?empfehlen (?:würde|würden|könnte)", "weiterempfehl\\w*", "als referenz", "nous recommander", "témoignages?", "recomendarnos", "testimonios?"] },
  { id: "support", label: { en: "support", de: "Support", fr: "le support", es: "el soporte" }, patterns: ["(?:open |support )tickets?", "support (?:team|desk|tickets?|response|times?|hours|levels?|sla|contract|package|plan)s?", "customer support", "technical support", "tech support", "support (?:didn't|did not|never|hasn't|has not|took|was|wasn't|is|isn't|ignored|answered|replied)", "kundenservice", "kundendienst", "support-?team", "service client", "support client", "l'assistance", "soporte(?: técnico)?", "atención al cliente", "servicio al cliente"] },
];

/** Roles of people named in the context: invited, thanked or included as the stage suggests. */
export const ROLES: readonly LexItem[] = [
  { id: "ceo", label: { en: "your CEO", de: "Ihre Geschäftsführung", fr: "votre PDG", es: "su director general" }, patterns: ["ceo", "chief executive", "pdg", "director general"] },
  { id: "cfo", label: { en: "your CFO", de: "Ihr CFO", fr: "votre directeur financier (CFO)", es: "su director financiero (CFO)" }, patterns: ["cfo", "chief financial officer", "finance director", "finanzvorstand", "finanzchef\\w*", "daf", "directeur financier", "directrice financière", "director financiero", "directora financiera"] },
  { id: "cto", label: { en: "your CTO", de: "Ihr CTO", fr: "votre CTO", es: "su CTO" }, patterns: ["cto", "chief technology officer"] },
  { id: "coo", label: { en: "your COO", de: "Ihr COO", fr: "votre COO", es: "su COO" }, patterns: ["coo", "chief operating officer", "directeur des opérations", "director de operaciones"] },
  { id: "cio", label: { en: "your CIO", de: "Ihr CIO", fr: "votre DSI", es: "su CIO" }, patterns: ["cio", "dsi", "chief information officer"] },
  { id: "ciso", label: { en: "your CISO", de: "Ihr CISO", fr: "votre RSSI", es: "su CISO" }, patterns: ["ciso", "rssi", "chief information security officer"] },
  { id: "management", label: { en: "your management team", de: "Ihre Geschäftsführung", fr: "votre direction", es: "su dirección" }, patterns: ["management team", "senior management", "geschäftsführ\\w*", "geschäftsleitung", "la direction", "direction générale", "dirección", "gerencia"] },
  { id: "board", label: { en: "your board", de: "Ihr Vorstand", fr: "votre conseil d'administration", es: "su consejo de administración" }, patterns: ["board(?: approval)?", "vorstand", "aufsichtsrat", "conseil d'administration", "consejo(?: de administración)?", "junta(?: directiva)?"] },
  { id: "it", label: { en: "your IT team", de: "Ihre IT", fr: "votre équipe informatique (IT)", es: "su equipo de TI" }, patterns: ["IT(?:[- ](?:team|lead|department|director|dept|people|Abteilung|Leitung|Team))?", "[EÉeé]quipe (?:IT|informatique)", "informatique", "equipo de (?:TI|IT|sistemas)", "TI"], caseSensitive: true },
  { id: "security_team", label: { en: "your security team", de: "Ihr Security-Team", fr: "votre équipe sécurité", es: "su equipo de seguridad" }, patterns: ["security team", "security people", "security (?:lead|officer|manager)", "sicherheitsbeauftragte[rn]?", "sicherheitsteam", "équipe sécurité", "equipo de seguridad"] },
  { id: "procurement", label: { en: "your procurement team", de: "Ihr Einkauf", fr: "votre service achats", es: "su equipo de compras" }, patterns: ["procurement", "purchasing", "einkauf", "achats", "compras"] },
  { id: "legal", label: { en: "your legal team", de: "Ihre Rechtsabteilung", fr: "votre service juridique", es: "su equipo legal" }, patterns: ["legal(?: team)?", "lawyers?", "rechtsabteilung", "juristen", "juridique", "jurídico", "abogados?"] },
  { id: "finance", label: { en: "your finance team", de: "Ihre Finanzabteilung", fr: "votre équipe finance", es: "su equipo financiero" }, patterns: ["finance(?: team)?", "accounting", "buchhaltung", "finanzabteilung", "comptabilité", "finanzas", "contabilidad"] },
  { id: "managing_partner", label: { en: "your managing partner", de: "Ihr geschäftsführender Partner", fr: "votre associé gérant", es: "su socio director" }, patterns: ["managing partner", "geschäftsführende[rn]? (?:partner|gesellschafter)", "associé gérant", "socio director"] },
  { id: "dpo", label: { en: "your data protection officer", de: "Ihr Datenschutzbeauftragter", fr: "votre DPO", es: "su delegado de protección de datos" }, patterns: ["dpo", "data protection officer", "datenschutzbeauftragte[rn]?", "délégué(?:e)? à la protection des données", "dpd", "delegad[oa] de protección de datos"] },
  { id: "committee", label: { en: "your committee", de: "Ihr Gremium", fr: "votre comité", es: "su comité" }, patterns: ["(?:steering |buying |purchasing |investment )?committee", "gremium", "ausschuss", "lenkungskreis", "comité(?: de (?:direction|pilotage|compras))?"] },
  { id: "partner", label: { en: "your business partner", de: "Ihr Partner", fr: "votre associé", es: "su socio" }, patterns: ["business partners?", "(?:his|her|their) partners?", "co-?founders?", "co-?owners?", "geschäftspartner(?:in)?", "mitinhaber(?:in)?", "mitgründer(?:in)?", "(?:seinem|seiner|ihrem|ihrer|mit dem|mit der) partner(?:in)?", "(?:son|sa) associée?", "co-?fondat(?:eur|rice)", "(?:su|sus) soci[oa]s?", "cofundador(?:a)?"] },
  { id: "ops", label: { en: "your operations team", de: "Ihr Operations-Team", fr: "votre équipe opérations", es: "su equipo de operaciones" }, patterns: ["ops lead", "operations team", "ops team"] },
];

/** Words that are capitalised but are no one's name (sentence starts, German nouns, weekdays …). */
export const NOT_A_NAME = new Set(
  [
    "the", "their", "they", "she", "he", "we", "our", "us", "it", "and", "also", "demo", "call", "meeting", "team", "ceo", "cfo", "cto", "coo", "cio", "it", "vp", "head",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    "lunes", "martes", "miércoles", "jueves", "viernes", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    "vertrag", "angebot", "budget", "preis", "preise", "termin", "kunde", "lizenz", "lizenzen", "daten", "schnittstelle", "rückmeldung", "einkauf", "contract", "contrat", "contrato", "devis", "presupuesto",
    "frau", "herr", "mr", "mrs", "ms", "dr", "der", "die", "das", "den", "dem", "ihr", "ihre", "unser", "la", "le", "les", "el", "los", "las", "su", "sus", "leur", "son", "sa",
    "q", "qs", "ok", "pm", "am", "eu", "us", "uk", "api", "sso", "crm", "erp", "roi", "q1", "q2", "q3", "q4", "fy", "next", "last", "this", "today", "tomorrow", "yesterday",
    "finance", "legal", "procurement", "security", "ops", "sales", "marketing", "support", "product", "engineering", "board", "management", "it-team", "us.", "then", "again",
  ],
);

/** Offices and sites named with a place ("the Berlin office", "Standort Hamburg"): the noun in each language. */
export const GROUP_NOUNS: readonly { pattern: string; nouns: Readonly<Record<Lang, string>> }[] = [
  { pattern: "office|büro|bureau|oficina", nouns: { en: "office", de: "Büro", fr: "bureau", es: "oficina" } },
  { pattern: "site|standort|sede", nouns: { en: "site", de: "Standort", fr: "site", es: "sede" } },
  { pattern: "branch|niederlassung|filiale|agence|sucursal", nouns: { en: "branch", de: "Niederlassung", fr: "agence", es: "sucursal" } },
  { pattern: "plant|werk|usine|planta", nouns: { en: "plant", de: "Werk", fr: "usine", es: "planta" } },
  { pattern: "warehouse|lager|entrepôt|almacén", nouns: { en: "warehouse", de: "Lager", fr: "entrepôt", es: "almacén" } },
  { pattern: "store|shop|magasin|tienda", nouns: { en: "store", de: "Filiale", fr: "magasin", es: "tienda" } },
];

/** Languages a product's interface may be asked in ("the interface in Japanese"), named in each language. */
export const UI_LANGUAGES: readonly { pattern: string; en: string; de: string; fr: string; es: string }[] = [
  { pattern: "japanese|japanisch|japonais|japonés", en: "Japanese", de: "Japanisch", fr: "japonais", es: "japonés" },
  { pattern: "chinese|mandarin|chinesisch|chinois|chino", en: "Chinese", de: "Chinesisch", fr: "chinois", es: "chino" },
  { pattern: "korean|koreanisch|coréen|coreano", en: "Korean", de: "Koreanisch", fr: "coréen", es: "coreano" },
  { pattern: "arabic|arabisch|arabe|árabe", en: "Arabic", de: "Arabisch", fr: "arabe", es: "árabe" },
  { pattern: "portuguese|portugiesisch|portugais|portugués", en: "Portuguese", de: "Portugiesisch", fr: "portugais", es: "portugués" },
  { pattern: "italian|italienisch|italien|italiano", en: "Italian", de: "Italienisch", fr: "italien", es: "italiano" },
  { pattern: "dutch|niederländisch|néerlandais|neerlandés", en: "Dutch", de: "Niederländisch", fr: "néerlandais", es: "neerlandés" },
  { pattern: "polish|polnisch|polonais|polaco", en: "Polish", de: "Polnisch", fr: "polonais", es: "polaco" },
  { pattern: "turkish|türkisch|turc|turco", en: "Turkish", de: "Türkisch", fr: "turc", es: "turco" },
];

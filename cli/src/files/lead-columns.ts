/**
 * Where a CRM export's columns go on the lead schema: every lead path with the kind of value it
 * takes, the alias table of common CRM export headers (Salesforce / HubSpot / Pipedrive style),
 * and the placeholders that mean "nothing here". Data, read by lead-file.ts.
 */

export type FieldKind = "string" | "int" | "number" | "boolean" | "date" | "email" | "employees" | "duration" | "duration_min";

/** Every lead path a column can map to, and how its value is coerced. */
export const FIELD_KINDS: Record<string, FieldKind> = {
  id: "string",
  notes: "string",
  "company.name": "string",
  "company.industry": "string",
  "company.size": "string",
  "company.employees": "employees",
  "company.revenue": "number",
  "company.currency": "string",
  "company.website": "string",
  "company.country": "string",
  "company.city": "string",
  "contact.name": "string",
  "contact.first_name": "string",
  "contact.last_name": "string",
  "contact.title": "string",
  "contact.role": "string",
  "contact.email": "email",
  "contact.phone": "string",
  "contact.do_not_email": "boolean",
  "contact.do_not_call": "boolean",
  "engagement.source": "string",
  "engagement.origin": "string",
  "engagement.campaign": "string",
  "engagement.created_at": "date",
  "engagement.interactions": "int",
  "engagement.last_contacted_at": "date",
  "behavior.site_visits": "int",
  "behavior.time_on_site_seconds": "duration",
  "behavior.pages_viewed": "int",
  "behavior.pages_per_visit": "number",
  "behavior.content_downloads": "int",
  "behavior.last_activity": "string",
  "behavior.last_activity_at": "date",
};

/** Normalised header (lower case, letters and digits only) → lead path. */
export const ALIASES: Record<string, string> = {};
function alias(path: string, ...headers: string[]): void {
  for (const h of headers) ALIASES[normalizeHeader(h)] = path;
}
alias("id", "Id", "Lead Id", "Lead ID", "Prospect ID", "Record ID", "Contact ID", "Person ID", "External ID", "CRM ID");
alias("contact.first_name", "First Name", "Firstname", "Given Name", "First");
alias("contact.last_name", "Last Name", "Lastname", "Surname", "Family Name", "Last");
alias("contact.name", "Full Name", "Name", "Contact Name", "Lead Name", "Person Name", "Contact");
alias("contact.email", "Email", "E-mail", "Email Address", "Work Email", "Business Email", "Primary Email");
alias("contact.phone", "Phone", "Phone Number", "Mobile", "Mobile Phone", "Mobile Number", "Cell", "Telephone", "Work Phone");
alias("contact.title", "Title", "Job Title", "Position", "Job Position", "Designation");
alias("contact.role", "Role", "Job Role", "Occupation", "Current Occupation", "What is your current occupation", "Job Function", "Persona");
alias("contact.do_not_email", "Do Not Email", "Email Opt Out", "Email Opt-Out", "Unsubscribed", "Opted Out of Email", "HasOptedOutOfEmail");
alias("contact.do_not_call", "Do Not Call", "DoNotCall", "Call Opt Out", "Phone Opt Out");
alias("company.name", "Company", "Company Name", "Account", "Account Name", "Organization", "Organisation", "Organization Name");
alias("company.industry", "Industry", "Vertical", "Sector");
alias("company.employees", "Employees", "No. of Employees", "Number of Employees", "NumberOfEmployees", "Employee Count", "Headcount", "Company Size", "Size", "Employee Range");
alias("company.revenue", "Annual Revenue", "Revenue", "AnnualRevenue", "Company Revenue");
alias("company.currency", "Currency", "Currency Code", "Currency ISO Code", "CurrencyIsoCode");
alias("company.website", "Website", "Web Site", "Company Website", "Company Domain", "Company Domain Name", "Domain", "URL");
alias("company.country", "Country", "Country/Region", "Country Region");
alias("company.city", "City", "Town");
alias("engagement.source", "Lead Source", "Source", "Original Source", "LeadSource", "Channel");
alias("engagement.origin", "Lead Origin", "Origin", "Lead Channel", "Record Source", "Created Via");
alias("engagement.campaign", "Campaign", "Campaign Name", "Primary Campaign", "Primary Campaign Source", "UTM Campaign");
alias("engagement.created_at", "Created Date", "Create Date", "Created", "Created At", "Date Created", "CreatedDate", "Lead Created Date");
alias("engagement.interactions", "Interactions", "Number of Interactions", "Number of Sales Activities", "Activity Count", "Touches");
alias("engagement.last_contacted_at", "Last Contacted", "Last Contacted Date", "Last Contact Date", "Last Contacted At");
alias("behavior.site_visits", "Visits", "Site Visits", "Total Visits", "TotalVisits", "Number of Sessions", "Number of Visits", "Sessions", "Web Visits", "Website Visits");
alias("behavior.time_on_site_seconds", "Time on Site", "Time on Site (s)", "Time on Site (sec)", "Time on Site (seconds)", "Time on Site Seconds", "Total Time Spent on Website", "Time Spent on Website", "Total Time on Site", "Time on Website");
alias("behavior.pages_viewed", "Page Views", "Pages Viewed", "Number of Pageviews", "Number of Page Views", "Total Page Views", "Pageviews");
alias("behavior.pages_per_visit", "Page Views Per Visit", "Pages per Visit", "Pages/Visit", "Average Pageviews", "Pages per Session");
alias("behavior.content_downloads", "Downloads", "Content Downloads", "Number of Downloads", "Assets Downloaded");
alias("behavior.last_activity", "Last Activity", "Last Activity Type", "Latest Activity", "Last Engagement");
alias("behavior.last_activity_at", "Last Activity Date", "Last Activity At", "Last Engagement Date", "Latest Activity Date");
alias("notes", "Notes", "Note", "Description", "Comments", "Comment", "Lead Notes");

// The same columns as German, French and Spanish CRM exports name them (accents drop out of the
// normalised header on both sides: "Société" is "socit" here and in the file).
alias("contact.first_name", "Vorname", "Prénom", "Nombre de pila");
alias("contact.last_name", "Nachname", "Familienname", "Nom", "Nom de famille", "Apellido", "Apellidos");
alias("contact.name", "Vollständiger Name", "Nom complet", "Nombre completo", "Nombre");
alias("contact.email", "E-Mail-Adresse", "Adresse e-mail", "Courriel", "Correo", "Correo electrónico");
alias("contact.phone", "Telefon", "Telefonnummer", "Mobiltelefon", "Handy", "Téléphone", "Portable", "Teléfono", "Móvil", "Celular");
alias("contact.title", "Berufsbezeichnung", "Funktion", "Stellung", "Fonction", "Poste", "Intitulé du poste", "Cargo", "Puesto");
alias("contact.do_not_email", "Keine E-Mails", "E-Mail-Abmeldung", "E-Mail abgemeldet", "Ne pas envoyer d'e-mail", "Désabonné", "No enviar correo", "Baja de correo");
alias("contact.do_not_call", "Nicht anrufen", "Ne pas appeler", "No llamar");
alias("company.name", "Firma", "Firmenname", "Unternehmen", "Société", "Entreprise", "Compte", "Nom du compte", "Empresa", "Compañía", "Cuenta", "Nombre de la cuenta");
alias("company.industry", "Branche", "Industrie", "Secteur", "Secteur d'activité", "Industria");
alias("company.employees", "Mitarbeiter", "Anzahl Mitarbeiter", "Mitarbeiteranzahl", "Effectif", "Nombre d'employés", "Empleados", "Número de empleados");
alias("company.revenue", "Jahresumsatz", "Umsatz", "Chiffre d'affaires", "Ingresos", "Ingresos anuales", "Facturación");
alias("company.website", "Webseite", "Internetseite", "Site web", "Site internet", "Sitio web");
alias("company.country", "Land", "Pays", "País");
alias("company.city", "Stadt", "Ort", "Ville", "Ciudad");
alias("engagement.source", "Lead-Quelle", "Leadquelle", "Quelle", "Source du lead", "Origine de la piste", "Origine", "Origen", "Origen del lead", "Fuente", "Fuente del lead");
alias("engagement.created_at", "Erstellungsdatum", "Erstellt am", "Date de création", "Fecha de creación");
alias("behavior.site_visits", "Besuche", "Visites", "Visitas");
alias("behavior.last_activity", "Letzte Aktivität", "Dernière activité", "Última actividad");
alias("behavior.last_activity_at", "Datum der letzten Aktivität", "Date de la dernière activité", "Fecha de la última actividad");
alias("notes", "Notizen", "Notiz", "Bemerkungen", "Beschreibung", "Kommentar", "Remarques", "Commentaires", "Notas", "Comentarios", "Descripción");

/** Columns whose header says minutes: their time value is converted to seconds. */
export const MINUTE_HEADERS = new Set(["timeonsitemin", "timeonsitemins", "timeonsiteminutes", "timespentonwebsitemin", "timespentonwebsiteminutes"].map(normalizeHeader));
for (const h of MINUTE_HEADERS) ALIASES[h] = "behavior.time_on_site_seconds";

/** Values that mean "nothing here" (CRM placeholders); compared lower case. */
const ABSENT = new Set(["", "select", "n/a", "na", "null", "nil", "none", "-", "--", "undefined", "(blank)", "(none)", "#n/a", "nan", "not provided", "unknown"]);

export const MAX_CUSTOM_FIELDS = 100;
export const MAX_CUSTOM_KEY = 100;
export const MAX_CUSTOM_VALUE = 2000;

export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function isAbsent(value: string | undefined | null): boolean {
  return value === undefined || value === null || ABSENT.has(value.trim().toLowerCase());
}

/** CRM and sales tools a prospect may name in an objection (matched as whole words, case-insensitive). */
export const COMPETITORS: readonly string[] = [
  "Salesforce", "HubSpot", "Pipedrive", "Zoho", "Monday.com", "Freshsales", "Freshworks", "Microsoft Dynamics", "Dynamics 365",
  "SugarCRM", "Copper", "Insightly", "Keap", "Zendesk Sell", "Odoo", "SAP", "Oracle", "Capsule", "Nutshell", "Bitrix24",
  "ActiveCampaign", "Agile CRM", "Streak", "Attio", "Folk", "Teamleader", "weclapp", "CentralStationCRM", "Close.com", "Apollo", "Outreach", "Salesloft",
];

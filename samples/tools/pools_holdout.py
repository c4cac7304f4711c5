# Written after the training set, in another voice (terse, casual, mobile), never trained on.
P = {}
P["interested"] = {"en": [
  "ok this is cool. what do we need to do to get going?",
  "love it. send me whatever paperwork you need and we'll get this rolling",
  "my team wants this yesterday lol. can you get us access?",
  "Yep, we'd buy. Need a quote for 12 seats and an invoice to our Dublin office.",
  "after the webinar we're sold. whats the onboarding like?",
  "Good stuff — looks like it solves our lead routing headache. Keen to proceed.",
  "we would like to try it out with the inside sales team, send login details",
 ], "de": ["Klingt super, das wollen wir ausprobieren. Schicken Sie uns bitte die Unterlagen.", "Wir möchten gerne starten, bitte ein Angebot senden."],
 "fr": ["Très intéressant, on aimerait démarrer un essai avec l'équipe commerciale."], "es": ["¡Nos encanta! Queremos avanzar, envíenos la propuesta."]}
P["meeting_request"] = {"en": [
  "can u do a call thurs 2pm EST?",
  "free for a chat tomorrow morning? say 9:30 GMT",
  "Let's grab 15 min next Tuesday at 11:00 CET, I'll bring our ops guy.",
  "pls send an invite for monday 3pm PST, want to see it live",
  "Could we meet on March 18 at 10am EST for a walkthrough?",
  "are you around friday at noon? would like to talk it through on the phone",
  "set up a demo w/ me and Jess, wed 4pm BST works",
 ], "de": ["Hätten Sie Mittwoch um 11 Uhr Zeit für ein kurzes Telefonat?", "Können wir uns nächste Woche Dienstag um 9:30 Uhr zu einer Demo treffen?"],
 "fr": ["On peut s'appeler vendredi à 11h ? J'aimerais une démo."], "es": ["¿Hacemos una videollamada el lunes a las 17:00?"]}
P["question"] = {"en": [
  "does it sync w/ google calendar?",
  "hey - what's the price per seat if we go annual?",
  "is there a free tier or only paid?",
  "can admins bulk edit records? asking for our ops team",
  "Do you have SOC 2? Our security folks will ask.",
  "how many API calls per day do we get on the base plan",
  "what languages is the UI available in?",
  "Is phone support included or email only?",
 ], "de": ["Funktioniert das auch mit Microsoft Teams?", "Was kostet die Lizenz pro Monat?"],
 "fr": ["Est-ce qu'il y a une application mobile ?"], "es": ["¿Se puede integrar con WhatsApp?"]}
P["objection"] = {"en": [
  "too pricey tbh, we got quoted $40/user elsewhere",
  "we're on Salesforce and nobody here wants to migrate again",
  "looks decent but HubSpot already covers 90% of this for us",
  "the budget is capped at $1,500 this year so this won't fly",
  "Our last rollout flopped, the team hates new tools. not sure it's worth the pain",
  "we signed a 2-year deal with Pipedrive in september",
  "I don't see enough value over what Zoho gives us for free",
 ], "de": ["Zu teuer. Bei HubSpot zahlen wir nur 200 Euro im Monat.", "Wir haben gerade erst Salesforce eingeführt, ein Wechsel kommt nicht in Frage."],
 "fr": ["Trop cher par rapport à Pipedrive, désolé."], "es": ["Ya tenemos HubSpot y no queremos migrar."]}
P["not_interested"] = {"en": [
  "nah we're good thanks",
  "not for us. all the best",
  "pass. we don't need it",
  "Thanks but no, we have other priorities this year.",
  "we went with someone else. thanks",
  "no interest, sorry",
  "we're not buying anything like this. thanks though",
 ], "de": ["Nein danke, kein Interesse.", "Wir brauchen so etwas nicht. Trotzdem danke."],
 "fr": ["Non merci, pas intéressé."], "es": ["No gracias, no lo necesitamos."]}
P["unsubscribe"] = {"en": [
  "unsubscribe me pls",
  "STOP",
  "remove",
  "take me off this list asap",
  "quit emailing me",
  "how do I get off your mailing list? please remove me",
  "please stop contacting me. I've asked before.",
  "opt out",
 ], "de": ["Bitte austragen!", "Keine weiteren Mails bitte, ich möchte mich abmelden."],
 "fr": ["Arrêtez de m'envoyer des mails svp."], "es": ["Baja, por favor. No quiero recibir más correos."]}
P["out_of_office"] = {"en": [
  "OOO until 3/20, slow replies",
  "Away at our offsite till Monday the 23rd. Will reply after.",
  "I'm on leave, back Jan 6.",
  "Automatic reply: Out of office - returning 14 September",
  "Hi, I'm travelling with patchy wifi until next Wednesday. Back in the office then.",
  "Gone fishing until the 2nd of June! Emails will be read when I'm back.",
  "Maternity leave until October 1. Please contact sales-team@acme-widgets.example meanwhile.",
 ], "de": ["Ich bin bis 22.04. im Urlaub. Ihre E-Mail wird nicht weitergeleitet.", "Automatische Antwort: Abwesend bis Montag, 9. März."],
 "fr": ["Absente jusqu'au 12 février, réponse à mon retour."], "es": ["Fuera de la oficina hasta el 5 de junio."]}
P["bounce"] = {"en": [
  "Mail delivery failed: returning message to sender\n\nThis message was created automatically by mail delivery software.\nA message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:\n\n  {addr}\n    mailbox is disabled",
  "Your message to {addr} couldn't be delivered.\n{addr} wasn't found at {dom}.\nRemote server returned: 550 5.1.1 Recipient not found",
  "Undelivered Mail Returned to Sender\n\n<{addr}>: Host or domain name not found. Name service error for name={dom} type=MX",
  "The following message to <{addr}> was undeliverable.\nThe reason for the problem:\n5.1.0 - Unknown address error 550-'sorry, no such user'",
  "Delivery to {addr} has failed permanently. 550 5.7.1 Message rejected: the recipient does not accept mail.",
 ], "de": ["Zustellung fehlgeschlagen an {addr}.\nDas Postfach ist voll oder existiert nicht.", "Nicht zustellbar: {addr}\nUrsache: Empfänger unbekannt (550)"],
 "fr": ["Message non remis : {addr}\nLe destinataire n'existe pas."], "es": ["Error de entrega: {addr}\nEl buzón no existe (550 5.1.1)."]}
P["wrong_person"] = {"en": [
  "not me - ask {name} ({mail})",
  "wrong guy, I do payroll. {name} handles sales stuff: {mail}",
  "I retired in June! {name} took over, {mail}",
  "ping {name} instead, she's our revops lead - {mail}",
  "hey, I'm not the decision maker. loop in {name} at {mail}",
  "you want our CTO, {name} <{mail}>",
  "I'm no longer at this company.",
 ], "de": ["Bin nicht zuständig, fragen Sie {name} ({mail}).", "Ich arbeite nicht mehr hier, bitte an {mail} schreiben."],
 "fr": ["Ce n'est pas moi qui gère ça, voyez avec {name} ({mail})."], "es": ["No me encargo de esto, hable con {name}: {mail}"]}

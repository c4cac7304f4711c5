# Written last, after every change to the classifier, in a third voice (long, formal, mixed
# signals), and run once: a check no tuning has seen.
P = {}
P["interested"] = {"en": [
  "Following our internal review last Thursday, I am pleased to let you know that the leadership team would like to proceed with an evaluation. Could you please share the order form together with the onboarding timeline?",
  "Having compared three vendors over the past month, yours comes out ahead on usability. We'd like to take the next step and would appreciate a formal quote for our 35-person team.",
  "Thank you for your patience while we sorted out our priorities. The project now has funding, and we are keen to get our sales team onto the platform this quarter.",
 ], "de": ["Nach Rücksprache mit der Geschäftsführung möchten wir Ihr Produkt gerne einführen. Bitte senden Sie uns ein verbindliches Angebot."],
 "es": ["Hemos revisado la documentación con el equipo y queremos seguir adelante. Por favor, envíenos el contrato."]}
P["meeting_request"] = {"en": [
  "Before we commit to anything, I would like my operations director to see the product live. Would Wednesday, 18 March at 2:00 pm CET suit you for a one-hour session?",
  "It would be easiest to discuss the details by phone. I am available on Monday between 10 and 11 am EST; please send an invitation for whichever slot suits you.",
  "Could you arrange a walkthrough for our regional managers? Thursday at 16:00 UK time would be ideal, as they are all in the office that day.",
 ], "de": ["Ich schlage ein gemeinsames Gespräch am Freitag, den 20. März, um 9 Uhr vor. Passt Ihnen das?"],
 "fr": ["Serait-il possible d'organiser une réunion de présentation lundi prochain à 15h00 ? Mon associé souhaiterait y participer."]}
P["question"] = {"en": [
  "Before I bring this to the committee, I need to understand how you handle data retention. How long are contact records kept after a customer cancels, and can we export everything beforehand?",
  "One point that was not clear from the brochure: is the reporting module included in the standard licence, or is it an additional cost?",
  "Our auditors will ask whether your platform keeps an audit trail of changes to deal values. Does it, and for how long?",
 ], "fr": ["Pourriez-vous me préciser si votre logiciel gère plusieurs entités juridiques avec des devises différentes ?"],
 "es": ["Una consulta: ¿el soporte técnico está disponible en español y en horario europeo?"]}
P["objection"] = {"en": [
  "I have to be candid: the quote you sent is roughly forty percent above what we pay today, and I cannot justify that difference to our finance director.",
  "We appreciate the demo, but our entire customer history lives in Microsoft Dynamics, and the risk of losing data in a migration worries me considerably.",
  "The functionality is impressive; however, a three-year minimum term is not something our procurement policy allows for new suppliers.",
 ], "de": ["Ehrlich gesagt ist uns der Preis von 45 € pro Nutzer und Monat zu hoch, zumal wir mit Pipedrive recht zufrieden sind."],
 "fr": ["Votre offre est intéressante, mais nous venons de renouveler notre contrat Salesforce pour deux ans."]}
P["not_interested"] = {"en": [
  "After careful consideration we have decided not to pursue this further. Thank you for the time you invested in explaining the product.",
  "I appreciate the follow-ups, but we genuinely have no need for this kind of tool, and I don't expect that to change.",
  "We discussed your proposal at our last management meeting and concluded that it is not something we will be investing in.",
 ], "de": ["Wir haben uns das Angebot angesehen, aber es passt nicht zu unseren Anforderungen. Vielen Dank trotzdem."],
 "es": ["Después de valorarlo, hemos decidido no continuar. Le agradecemos su tiempo."]}
P["unsubscribe"] = {"en": [
  "I have received several of these messages now. Kindly ensure that my address is removed from all of your marketing lists with immediate effect.",
  "While I'm sure your product is fine, I would ask that you no longer send emails to this address. Thank you for respecting that.",
  "Please treat this message as a formal request under GDPR to stop processing my contact details for marketing purposes.",
 ], "de": ["Ich widerspreche hiermit der Nutzung meiner Daten zu Werbezwecken und bitte Sie, mich aus Ihrem Verteiler zu entfernen."],
 "fr": ["Je vous prie de bien vouloir cesser tout envoi à cette adresse et de me désinscrire de vos listes."]}
P["out_of_office"] = {"en": [
  "Thank you for your message. I am currently on a sabbatical and will not be checking my inbox until 1 September 2026. For commercial enquiries, please write to sales@northwind.example.",
  "Please note that I am attending a training programme this week and will have only intermittent access to email. I will respond upon my return on Monday.",
  "Our offices are closed for the holiday period from 24 December until 2 January. Your email will be dealt with when we reopen.",
 ], "de": ["Ich bin derzeit auf Dienstreise und ab dem 23. März wieder im Büro. In dringenden Fällen wenden Sie sich bitte an die Zentrale."],
 "es": ["Gracias por su correo. Me encuentro de baja médica hasta el 30 de marzo y no podré responder hasta entonces."]}
P["bounce"] = {"en": [
  "This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n       {addr}\n\nReporting-MTA: dns; mx.{dom}\nAction: failed\nStatus: 5.1.1",
  "Your message did not reach some or all of the intended recipients.\n\n   The following recipient(s) cannot be reached:\n\n      {addr}\n         Server error: '550 Requested action not taken: mailbox unavailable'",
  "We're writing to let you know that the group you tried to contact ({addr}) may not exist, or you may not have permission to post messages to the group.",
 ], "de": ["Diese Nachricht wurde automatisch erstellt.\nDie Zustellung an folgende Empfänger ist endgültig fehlgeschlagen:\n\n{addr}\n\n550 5.1.1 Mailbox nicht gefunden"],
 "fr": ["Votre message n'a pas pu être remis à {addr}.\nLe serveur distant a répondu : 550 5.1.1 adresse inconnue."]}
P["wrong_person"] = {"en": [
  "Thank you for reaching out. Purchasing decisions of this kind are handled by our IT procurement team; the best contact would be {name}, who can be reached at {mail}.",
  "I should mention that I moved to our Singapore office in January and no longer cover the European accounts. {name} ({mail}) has taken over my portfolio.",
  "I'm afraid this is outside my remit — I work in HR. I've copied {name}, our sales operations manager, who may be interested.",
 ], "de": ["Vielen Dank für Ihre Nachricht. Für diese Themen ist meine Kollegin {name} zuständig, Sie erreichen sie unter {mail}."],
 "es": ["Le agradezco el contacto, pero este tema lo gestiona {name} desde el departamento de compras ({mail})."]}

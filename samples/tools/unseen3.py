"""A third unseen set (samples/emails-unseen3.jsonl): 45 replies written after all the widening
of this session, committed before any run, and run once: the honest figure for wording the tables
have not seen. Typos, emoji, all-caps, legal disclaimers, Latin-American Spanish, Swiss German,
Québec French, reply-all asides. python3 samples/tools/unseen3.py > samples/emails-unseen3.jsonl"""
import json, itertools, sys
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from unseen import gmail_quote, outlook_quote, html  # noqa: E402

DISCLAIMER = "\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it."
n = itertools.count(1)
def add(label, lang, frm, subject, body, reply=True):
    i = next(n)
    e = {"from": frm, "to": "max@gardenos.example", "subject": subject, "body": body, "received_at": "2026-11-25T16:40:00Z"}
    if reply: e["in_reply_to"] = f"<followup-w{i:03d}@gardenos.example>"
    print(json.dumps({"id": f"w{i:03d}", "label": label, "lang": lang, "email": e}, ensure_ascii=False))

add("interested", "en", "Tariq Aziz <tariq@aziz-motors.example>", "Re: GardenOS", "Hi Max, boss has give green light 🙂 how we proceed for the payment?\nTariq")
add("interested", "en", "Beth Cole <beth@colecrafts.example>", "Re: trial", "YES. sign me up!!")
add("interested", "en", "Ian Ross <ian.ross@rossfreight.example>", "RE: GardenOS for Ross Freight", "Max — we'll take the 12-month plan for 18 seats. Can you raise the paperwork and send it to me and Julie (cc'd)?\n\nIan" + DISCLAIMER + outlook_quote())
add("interested", "es", "Valentina Rojas <valentina.rojas@rojas-agro.example>", "RE: Seguimiento", "Hola Max! Nos encantó la demo, queremos arrancar ya con el plan anual. Pásame el link de pago porfa.\n\nVale")
add("interested", "fr", "Marc-André Tremblay <ma.tremblay@tremblay-quebec.example>", "RE: Suivi", "Bonjour Max,\n\nC'est un go de notre bord. Tu peux m'envoyer l'entente pour signature?\n\nMarc-André")
add("meeting_request", "en", "Adaeze Obi <adaeze.obi@obi-farms.example>", "Re: GardenOS", "Good day Max, kindly let us have a call on Thursday by 2pm WAT to discuss further. Thanks")
add("meeting_request", "en", "Luke Ford <luke@fordgarage.example>", "Re: demo", "free 4 a quick zoom l8r today?")
add("meeting_request", "en", "Patricia Wong <patricia.wong@wong-group.example>", "RE: GardenOS", "Adding my colleague Henry. Max, could you find 45 minutes with both of us early next week? Henry's calendar is the tighter one — mornings Pacific work best for him.\n\nPatricia" + outlook_quote())
add("meeting_request", "de", "Reto Meier <reto.meier@meier-ag.example>", "AW: GardenOS", "Grüezi Herr Lindqvist\n\nGerne würde ich das mit Ihnen kurz besprechen. Hätten Sie am Dienstag um 9.30 Uhr Zeit für ein Telefon?\n\nFreundliche Grüsse\nReto Meier")
add("meeting_request", "fr", "Sylvie Côté <s.cote@cote-distribution.example>", "RE: Démo", "Allô Max, on pourrait-tu se parler jeudi matin, genre 10 h? Je veux voir l'outil en vrai.\n\nSylvie")
add("question", "en", "Olu Adeyemi <olu@adeyemi-logistics.example>", "Re: GardenOS", "Pls is there possibility to pay in naira or only in dollar?")
add("question", "en", "Greg Hill <greg@hillplumbing.example>", "Re: pricing", "ipad app??")
add("question", "en", "Sarah Quinn <sarah.quinn@quinn-health.example>", "RE: GardenOS", "Hi Max,\n\nBefore we go any further, our DPO has asked whether you sign a data processing agreement and whether any subprocessors are outside the EU.\n\nThanks,\nSarah" + DISCLAIMER)
add("question", "es", "Camila Torres <camila.torres@torres-mx.example>", "RE: Seguimiento", "Buenas tardes, ¿manejan facturación en pesos mexicanos? Saludos")
add("question", "de", "Beat Keller <beat.keller@keller-gmbh.example>", "AW: GardenOS", "Grüezi\n\nIst das Tool auch auf Schweizerdeutsch bzw. mit Schweizer Datenhaltung erhältlich?\n\nFreundliche Grüsse\nBeat Keller")
add("objection", "en", "Kwame Mensah <kwame.mensah@mensah-trading.example>", "Re: Offer", "Hello Max, the product is ok but the monthly fee is on the high side for us, we are small business. Competitor is asking less.")
add("objection", "en", "Tina Marsh <tina@marshbeauty.example>", "Re: GardenOS", "meh, we already pay for mailchimp + pipedrive, dont want a 3rd bill")
add("objection", "en", "Jonathan Reeve <j.reeve@reeve-capital.example>", "RE: Proposal", "Max,\n\nThe feature set is strong. My hesitation is the 36-month term: nobody here will sign up to three years with a vendor this young.\n\nJonathan" + DISCLAIMER + outlook_quote())
add("objection", "fr", "Émilie Gagnon <e.gagnon@gagnon-inc.example>", "RE: Proposition", "Bonjour,\n\nLe prix est correct, mais l'outil n'est pas disponible en français canadien et nos représentants ne l'utiliseront pas en anglais.\n\nÉmilie")
add("objection", "es", "Mateo Silva <mateo.silva@silva-ar.example>", "RE: Propuesta", "Hola Max, la verdad es que en dólares nos sale carísimo con el cambio actual.\n\nMateo")
add("not_interested", "en", "Chen Wei <chen.wei@wei-electronics.example>", "Re: GardenOS", "Dear Max, thank you. At this time we have no requirement for such system. Best regards")
add("not_interested", "en", "Al Burns <al@burnsbuilders.example>", "Re: GardenOS", "nah we're good")
add("not_interested", "en", "Margaret Hughes <m.hughes@hughes-solicitors.example>", "RE: Following up", "Dear Max,\n\nThank you for your persistence, but the partners have reviewed your proposal and concluded it is not something the firm wishes to pursue.\n\nYours sincerely,\nMargaret Hughes" + DISCLAIMER)
add("not_interested", "es", "Florencia Díaz <florencia.diaz@diaz-ar.example>", "RE: Seguimiento", "Hola, gracias pero por ahora pasamos.\n\nFlor")
add("not_interested", "de", "Ueli Brunner <u.brunner@brunner-ag.example>", "AW: GardenOS", "Grüezi\n\nVielen Dank, wir verzichten.\n\nFreundliche Grüsse\nU. Brunner")
add("unsubscribe", "en", "Emeka Nwosu <emeka@nwosu-ventures.example>", "Re: GardenOS", "Pls remove my email from your database, I don't need this mails again.")
add("unsubscribe", "en", "Ray Dunn <ray@dunnroofing.example>", "Re: GardenOS", "STOP EMAILING ME")
add("unsubscribe", "en", "Caroline Webb <caroline.webb@webb-partners.example>", "RE: Following up", "Max, I've told you twice now. I have no interest, and I do not consent to being on your mailing list. Take my address off it.\n\nCaroline" + outlook_quote())
add("unsubscribe", "fr", "Geneviève Roy <g.roy@roy-quebec.example>", "RE: Suivi", "Bonjour, veuillez retirer mon adresse courriel de votre liste d'envoi. Merci.")
add("unsubscribe", "es", "Sebastián Muñoz <sebastian.munoz@munoz-cl.example>", "RE: Seguimiento", "Hola, por favor sáquenme de su lista de correos. Gracias.")
add("out_of_office", "en", "Grace Eze <grace.eze@eze-group.example>", "Automatic reply: GardenOS", "Thanks for your mail. I am currently out on official assignment and will respond on resumption on Monday 7th December.", reply=False)
add("out_of_office", "en", "Max Bell <max.bell@bellco.example>", "Re: GardenOS", "Hey - I'm off grid hiking until the 3rd. Back then!", reply=False)
add("out_of_office", "de", "Claudia Frei <c.frei@frei-ag.example>", "Automatische Antwort: GardenOS", "Grüezi\n\nIch bin bis am 4. Dezember ferienhalber abwesend. Ihre E-Mail wird nicht weitergeleitet.\n\nFreundliche Grüsse\nClaudia Frei", reply=False)
add("out_of_office", "fr", "Julie Lavoie <j.lavoie@lavoie-qc.example>", "Réponse automatique : Suivi", "Bonjour, je suis présentement en vacances et de retour au bureau le 7 décembre. Merci de votre patience.", reply=False)
add("out_of_office", "es", "Mariana López <mariana.lopez@lopez-mx.example>", "Respuesta automática: Seguimiento", "Hola, estoy de vacaciones con acceso limitado al correo hasta el 6 de diciembre. Te responderé a mi regreso.", reply=False)
add("bounce", "en", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Delivery Status Notification (Failure)", "** Message blocked **\n\nYour message to j.kerr@kerr-co.example has been blocked. See technical details below for more information.\n\nThe response from the remote server was:\n\n550 5.7.1 Message rejected: recipient does not accept mail from your domain", reply=False)
add("bounce", "en", "postmaster@mx.sunrise-isp.example", "Delivery failure", "Your message could not be delivered.\n\nRecipient: m.west@westfield-old.example\nReason: 550 5.1.2 Host unknown (Name server: westfield-old.example: host not found)", reply=False)
add("bounce", "en", "Microsoft Outlook <postmaster@hartley.example>", "Undeliverable: GardenOS", html("<p>Your message to <b>s.hartley@hartley.example</b> couldn't be delivered.</p><p>The recipient's mailbox has been disabled.</p><p>Remote Server returned '550 5.2.1 mailbox disabled'</p>"), reply=False)
add("bounce", "de", "MAILER-DAEMON@mail.gmx.example", "Mail delivery failed: returning message to sender", "Diese Nachricht wurde automatisch vom Mailsystem erzeugt.\n\nIhre Nachricht konnte einem oder mehreren Empfängern nicht zugestellt werden:\n\n  b.schulz@schulz-ag.example\n    550 5.1.1 Benutzer unbekannt", reply=False)
add("bounce", "es", "Microsoft Outlook <postmaster@garcia-mx.example>", "No se puede entregar: GardenOS", "Tu mensaje a j.garcia@garcia-mx.example no se pudo entregar.\n\nEl buzón del destinatario está lleno y no puede aceptar mensajes en este momento.\n\nEl servidor remoto devolvió '552 5.2.2 Mailbox full'", reply=False)
add("wrong_person", "en", "Ngozi Okafor <ngozi.okafor@okafor-foods.example>", "Re: GardenOS", "Hello Max, please this is not under my unit. Kindly direct your mail to our Head of Sales, Mr Bello - bello@okafor-foods.example")
add("wrong_person", "en", "Ty Brooks <ty@brooksmarine.example>", "Re: GardenOS", "ur looking for my dad lol, he runs the sales side. tom@brooksmarine.example")
add("wrong_person", "en", "HR Team <hr@pinecrest.example>", "RE: GardenOS for Pinecrest", "Hello,\n\nThis is the HR shared inbox; we don't deal with sales software. Please contact our sales operations lead, Kim Tran (kim.tran@pinecrest.example).\n\nHR Team" + outlook_quote())
add("wrong_person", "fr", "Nathalie Bouchard <n.bouchard@bouchard-qc.example>", "RE: Suivi", "Bonjour, ce n'est pas moi qui gère ce dossier. Écrivez plutôt à Luc Fortin, luc.fortin@bouchard-qc.example.")
add("wrong_person", "es", "Diego Herrera <diego.herrera@herrera-co.example>", "RE: Seguimiento", "Hola Max, yo ya no estoy en el área comercial. Contactá a Sofía Ruiz: sofia.ruiz@herrera-co.example")

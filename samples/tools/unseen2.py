"""A second unseen set (samples/emails-unseen2.jsonl): 54 replies written after the phrase tables
were widened from emails-unseen.jsonl, committed before any run — the check of whether the widening
generalises. python3 samples/tools/unseen2.py > samples/emails-unseen2.jsonl"""
import json, itertools, sys
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from unseen import gmail_quote, outlook_quote, html  # noqa: E402  (the same quote/HTML wrappers)

n = itertools.count(1)
out = []
def add(label, lang, frm, subject, body, reply=True, day="2026-11-20T14:05:00Z"):
    i = next(n)
    e = {"from": frm, "to": "max@gardenos.example", "subject": subject, "body": body, "received_at": day}
    if reply: e["in_reply_to"] = f"<followup-v{i:03d}@gardenos.example>"
    out.append({"id": f"v{i:03d}", "label": label, "lang": lang, "email": e})

# interested
add("interested", "en", "Ola Nilsen <ola@nilsen-bygg.example>", "Re: GardenOS", "Hi,\nWe have talk with the board and they say yes. What do you need from us to begin? Please send what is needed.\nOla")
add("interested", "en", "Zoe Hart <zoe@hartflowers.example>", "Re: trial", "let's do it 👍")
add("interested", "en", "Craig Dunn <craig.dunn@dunnlogistics.example>", "Re: Following up on our demo", "Hi Max, right, I've had a chance to mull it over and run the numbers with Steph in accounts, and even with the setup fee it works out cheaper than the two tools we're juggling now, so consider this a yes from us. Send through the next steps when you can.\n\nCraig" + gmail_quote())
add("interested", "de", "Nora Engel <n.engel@engel-gartenbau.example>", "AW: GardenOS", "Hallo Max,\n\nwir würden GardenOS gern ab Januar für das Vertriebsteam einführen. Was brauchen Sie noch von uns?\n\nViele Grüße\nNora")
add("interested", "fr", "Bruno Leroy <b.leroy@leroy-paysages.example>", "RE: Proposition", "Bonjour Max,\n\nC'est validé de notre côté, on aimerait démarrer au plus vite. Quelle est la marche à suivre ?\n\nBruno")
add("interested", "es", "Irene Pardo <irene.pardo@pardo-vivero.example>", "RE: Propuesta", "Hola Max, hemos decidido seguir adelante. ¿Nos mandas el contrato para firmarlo?\n\nIrene")
# meeting_request
add("meeting_request", "en", "Yusuf Demir <yusuf.demir@demir-tekstil.example>", "Re: GardenOS", "Hello Max,\nFor me is better to speak by phone. You can call me on Wednesday after 14:00 Istanbul time?\nYusuf")
add("meeting_request", "en", "Kim Lowe <kim@loweplants.example>", "Re: demo", "mon or tue am?")
add("meeting_request", "en", "Dave Nash <dave.nash@nashmotors.example>", "RE: GardenOS for Nash", "Max,\n\nI'd rather see it than read about it. Put something in my diary for the week of the 30th — any afternoon except Friday.\n\nDave" + outlook_quote())
add("meeting_request", "de", "Franziska Lang <f.lang@lang-technik.example>", "AW: Vorstellung", "Hallo Herr Lindqvist,\n\nich würde gern einen Termin mit Ihnen vereinbaren. Wie sieht es bei Ihnen am 3. Dezember vormittags aus?\n\nGrüße\nFranziska Lang")
add("meeting_request", "fr", "Cécile André <c.andre@andre-fils.example>", "RE: Suivi", "Bonjour,\n\nPouvons-nous fixer un rendez-vous téléphonique la semaine prochaine ? Je suis disponible jeudi entre 10h et 12h.\n\nCécile")
add("meeting_request", "es", "Hugo Serrano <hugo.serrano@serrano-agro.example>", "RE: Seguimiento", "Buenas Max, ¿te viene bien que hablemos el martes por la tarde? Sobre las 17:00 hora peninsular.\n\nHugo")
# question
add("question", "en", "Ana Costa <ana.costa@costa-imports.example>", "Re: GardenOS", "Hi Max,\nSorry my english. Your system can make the emails in portuguese also? Most our clients are in Brazil.\nAna")
add("question", "en", "Jim Park <jim@parkhvac.example>", "Re: pricing", "whats the min contract length?")
add("question", "en", "Laura Finch <laura.finch@finch-legal.example>", "RE: GardenOS for Finch", html("<p>Hi Max,</p><p>Our compliance team wants to know where backups are kept and for how long. Could you let me know?</p><p>Laura</p>"))
add("question", "de", "Holger Stein <h.stein@stein-logistik.example>", "AW: GardenOS", "Guten Tag,\n\nist eine Anbindung an SAP Business One möglich?\n\nMfG\nHolger Stein" + outlook_quote("de"))
add("question", "fr", "Margot Simon <m.simon@simon-deco.example>", "RE: Suivi", "Bonjour,\n\nLes données sont-elles hébergées en France ou ailleurs en Europe ?\n\nMargot")
add("question", "es", "Pablo Ruiz <pablo.ruiz@ruiz-maquinaria.example>", "RE: Seguimiento", "Hola, una duda: ¿se puede conectar con Gmail o solo con Outlook?\n\nGracias")
# objection
add("objection", "en", "Tomasz Zielinski <t.zielinski@zielinski-agro.example>", "Re: Offer", "Hello Max,\nYour tool is nice but for us the setup fee of 2000 EUR is big problem. Our competitor tool has no setup fee.\nTomasz")
add("objection", "en", "Ellie Ward <ellie@wardcafe.example>", "Re: GardenOS", "looks good but we're tied into zoho til june")
add("objection", "en", "Neil Grant <neil.grant@grantmfg.example>", "RE: Proposal", "Max,\n\nThe product isn't the issue. The issue is that our reps already hate logging into one more system, and I'm not convinced they'd use it. I'd need to see adoption numbers from companies like ours before I could push this.\n\nNeil" + outlook_quote())
add("objection", "de", "Birgit Hahn <b.hahn@hahn-moebel.example>", "AW: Angebot", "Das Angebot liegt deutlich über unserem Budget. Unter 500 € im Monat wird das bei uns nichts.\n\nGruß\nBirgit Hahn")
add("objection", "fr", "Olivier Rey <o.rey@rey-transports.example>", "RE: Proposition", "Bonjour,\n\nLe tarif annuel est trop élevé pour une PME comme la nôtre, et l'engagement sur trois ans nous gêne.\n\nOlivier Rey")
add("objection", "es", "Nuria Campos <nuria.campos@campos-textil.example>", "RE: Propuesta", "Hola Max,\n\nEl problema es que ya pagamos Salesforce hasta 2027 y no podemos tener dos sistemas a la vez.\n\nNuria")
# not_interested
add("not_interested", "en", "Hiroshi Tanaka <h.tanaka@tanaka-parts.example>", "Re: GardenOS", "Dear Max,\nThank you for the information. After check, this is not matching our needs. We will not continue.\nBest regards\nHiroshi Tanaka")
add("not_interested", "en", "Gail Frost <gail@frostbakery.example>", "Re: follow up", "nope, all good thanks")
add("not_interested", "en", "Robert Kline <robert.kline@klinecorp.example>", "RE: GardenOS for Kline", "Hi Max,\n\nWe have looked at this a few times over the years and it always comes back to the same thing: we are happy with our current process and don't see a reason to change it.\n\nRobert" + outlook_quote())
add("not_interested", "de", "Sven Otto <s.otto@otto-bau.example>", "AW: GardenOS", "Hallo,\n\ndas ist für uns nichts. Trotzdem danke.\n\nSven Otto")
add("not_interested", "fr", "Agathe Noël <a.noel@noel-sa.example>", "RE: Suivi", "Bonjour,\n\nNous n'allons pas donner suite. Bonne continuation.\n\nAgathe Noël")
add("not_interested", "es", "Joaquín Vega <j.vega@vega-distribuciones.example>", "RE: Seguimiento", "Muchas gracias, pero de momento no nos interesa.\n\nJoaquín")
# unsubscribe
add("unsubscribe", "en", "Priyanka Rao <p.rao@rao-textiles.example>", "Re: GardenOS", "Hello,\nKindly do not send me such emails in future. I am not wanting to receive them.\nPriyanka")
add("unsubscribe", "en", "Matt Cole <matt@colebikes.example>", "Re: GardenOS", "remove")
add("unsubscribe", "en", "Sandra Kerr <sandra.kerr@kerr-vets.example>", "RE: Following up", "Max,\n\nI've had a look and it's not something we need, and to be honest I'd be grateful if this was the last email I got from you — I didn't sign up for anything.\n\nSandra" + outlook_quote())
add("unsubscribe", "de", "Hans Wagner <h.wagner@wagner-mühle.example>", "AW: GardenOS", "Bitte streichen Sie mich aus Ihrer Kontaktliste.\n\nH. Wagner")
add("unsubscribe", "fr", "Élodie Garnier <e.garnier@garnier-bio.example>", "RE: Suivi", "STOP\n\nEnvoyé de mon iPhone")
add("unsubscribe", "es", "Teresa Lozano <teresa.lozano@lozano-sl.example>", "RE: Seguimiento", "Le ruego que no vuelva a escribirme a esta dirección.\n\nTeresa Lozano")
# out_of_office
add("out_of_office", "en", "Office of Dr. Patel <office@patel-dental.example>", "Automatic reply: Following up", "Thank you for contacting us. Our office is closed for the holidays from 24 December and reopens on 2 January. Your email will be answered then.", reply=False)
add("out_of_office", "en", "Liam Byrne <liam.byrne@byrne-eng.example>", "Re: GardenOS", "I'm travelling with patchy signal until Thursday 26 Nov. Will pick this up when I'm back at my desk.", reply=False)
add("out_of_office", "de", "Eva Schmitt <e.schmitt@schmitt-agrar.example>", "Abwesend: GardenOS", "Guten Tag,\n\nich bin vom 23.11. bis 27.11. auf Dienstreise und lese meine E-Mails nur unregelmäßig. Ab dem 30.11. bin ich wieder im Büro.\n\nEva Schmitt", reply=False)
add("out_of_office", "fr", "Rémi Fontaine <r.fontaine@fontaine-vins.example>", "Absence du bureau", "Bonjour,\n\nJe serai de retour le 7 décembre. En mon absence, vos messages ne seront pas lus.\n\nRémi Fontaine", reply=False)
add("out_of_office", "es", "Alba Prieto <alba.prieto@prieto-flor.example>", "Ausencia: Seguimiento", "Hola, estaré ausente hasta el 1 de diciembre. Responderé a su correo a mi vuelta.\n\nAlba", reply=False)
add("out_of_office", "en", "Ryan Shaw <ryan.shaw@shawmedia.example>", "Away: Re: GardenOS", html("<p>Hi, thanks for your email.</p><p>I'm away on annual leave until Monday 14th December and won't be checking emails.</p><p>Ryan</p>"), reply=False)
# bounce
add("bounce", "en", "Mail Delivery System <MAILER-DAEMON@smtp.acme-hosting.example>", "Undelivered Mail Returned to Sender", "This is the mail system at host smtp.acme-hosting.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<k.ng@ngco.example>: host mx.ngco.example[192.0.2.10] said: 550 5.7.1\n    Mailbox disabled for this recipient (in reply to RCPT TO command)", reply=False)
add("bounce", "en", "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Delivery Status Notification (Delay)", "** Message not delivered **\n\nThere was a problem delivering your message to t.moss@mossfarm.example. Gmail will retry for 45 more hours. You'll be notified if the delivery fails permanently.\n\nThe response was:\n\nThe recipient server did not accept our requests to connect.", reply=False)
add("bounce", "en", "postmaster@mail.ridgeline.example", "Returned mail: see transcript for details", "The original message was received at Fri, 20 Nov 2026 14:02:11 GMT\nfrom mail.gardenos.example [198.51.100.20]\n\n   ----- The following addresses had permanent fatal errors -----\n<sales@ridgeline.example>\n    (reason: 550 Requested action not taken: mailbox unavailable)\n\n   ----- Transcript of session follows -----\n... while talking to mx.ridgeline.example.:\n>>> RCPT To:<sales@ridgeline.example>\n<<< 550 Requested action not taken: mailbox unavailable\n550 5.1.1 <sales@ridgeline.example>... User unknown", reply=False)
add("bounce", "de", "MAILER-DAEMON@mx.provider.example", "Unzustellbare Nachricht", "Dies ist eine automatisch generierte Nachricht.\n\nIhre Nachricht konnte nicht zugestellt werden an:\n  m.beck@beck-holz.example\n\nGrund: 550 5.1.1 Empfängeradresse unbekannt", reply=False)
add("bounce", "fr", "MAILER-DAEMON@smtp.orange.example", "Échec de remise du message", "Ceci est un message automatique.\n\nVotre message n'a pas pu être délivré au destinataire suivant :\n  j.martin@martin-sarl.example\n\nErreur : 550 5.1.1 Adresse inconnue", reply=False)
add("bounce", "es", "MAILER-DAEMON@correo.telefonica.example", "Notificación de estado de entrega (error)", "Este es un mensaje generado automáticamente.\n\nNo se ha podido entregar su mensaje a:\n  r.santos@santos-hnos.example\n\nMotivo: 550 5.1.1 El buzón no existe", reply=False)
# wrong_person
add("wrong_person", "en", "Mehmet Kaya <m.kaya@kaya-insaat.example>", "Re: GardenOS", "Hello,\nI am working in accounting, this topic is for our sales manager Mr. Arslan (arslan@kaya-insaat.example). Please send to him.\nMehmet")
add("wrong_person", "en", "Liz Hunt <liz@huntco.example>", "Re: GardenOS", "try my boss - greg@huntco.example")
add("wrong_person", "en", "Reception <reception@millbrook-clinic.example>", "RE: GardenOS for Millbrook", "Hello,\n\nThis inbox is for patient appointments only. For anything to do with software or suppliers please email practice.manager@millbrook-clinic.example.\n\nMillbrook Clinic Reception" + outlook_quote())
add("wrong_person", "de", "Dieter Kühn <d.kuehn@kuehn-elektro.example>", "AW: GardenOS", "Guten Tag,\n\nda sind Sie bei mir falsch. Das entscheidet unser Vertriebsleiter, Herr Schäfer: j.schaefer@kuehn-elektro.example\n\nGruß\nDieter Kühn")
add("wrong_person", "fr", "Julie Perrin <j.perrin@perrin-sa.example>", "RE: Suivi", "Bonjour,\n\nCe sujet relève de notre service achats. Je transmets à Marc Dupuis (m.dupuis@perrin-sa.example) qui reviendra vers vous.\n\nJulie")
add("wrong_person", "es", "Rocío Blanco <rocio.blanco@blanco-muebles.example>", "RE: Seguimiento", "Hola,\n\nNo llevo yo este tema. Escriba mejor a nuestro director comercial, Luis Marín: luis.marin@blanco-muebles.example\n\nSaludos")

for o in out:
    print(json.dumps(o, ensure_ascii=False))

import json, random, sys, importlib, html
which = sys.argv[1]  # train | holdout
P = importlib.import_module({"train": "pools_train", "holdout": "pools_holdout", "fresh": "pools_fresh"}[which]).P
rnd = random.Random({"train": 16, "holdout": 61, "fresh": 97}[which])
PEOPLE = {"en": [("Sarah","Miller"),("James","Okafor"),("Priya","Natarajan"),("Tom","Becker"),("Linda","Chen"),("Mark","Davies"),("Olivia","Grant"),("Ravi","Shah"),("Emma","Walsh"),("Noah","Fischer")],
 "de": [("Jonas","Weber"),("Katrin","Hoffmann"),("Lukas","Schulz"),("Anna","Keller")],
 "fr": [("Claire","Dubois"),("Julien","Moreau"),("Camille","Laurent")],
 "es": [("Lucía","García"),("Javier","Morales"),("Carmen","Ruiz")]}
COMPANIES = ["Northwind Traders","Brightwave Logistics","Kestrel Dental","Harbor & Pine","Alpenblick GmbH","Maison Verte","Solano Foods","Fjord Shipping","Bluebird Realty","Cobalt Analytics"]
COLLEAGUES = [("Rachel Adams","rachel.adams"),("Martin Vogel","martin.vogel"),("Sophie Martin","sophie.martin"),("Diego Fernández","diego.fernandez"),("Helen Brooks","helen.brooks"),("Kenji Sato","kenji.sato")]
GREET = {"en": ["Hi {me},","Hello {me},","{me},","Hi,","Dear {me},",""], "de": ["Hallo {me},","Guten Tag Herr Weber,","Sehr geehrte Damen und Herren,",""], "fr": ["Bonjour {me},","Bonjour,",""], "es": ["Hola {me},","Estimado {me}:",""]}
SIGNOFF = {"en": ["Best,","Thanks,","Regards,","Cheers,","Kind regards,","Best regards,",""], "de": ["Viele Grüße","Mit freundlichen Grüßen","Beste Grüße",""], "fr": ["Cordialement,","Bien à vous,","Merci,",""], "es": ["Saludos,","Un saludo,","Gracias,",""]}
FILLER = {"en": ["We're a team of about 40 people in Leeds.","I read your last email on the train.","Hope your week is going well.","Sorry for the slow reply, busy month here.","We spoke briefly at the trade fair in October.",""],
 "de": ["Ich hoffe, es geht Ihnen gut.","Entschuldigen Sie die späte Antwort.",""], "fr": ["J'espère que vous allez bien.","Désolé pour la réponse tardive.",""], "es": ["Espero que esté bien.","Perdone la demora en responder.",""]}
QUOTE_HDR = {"en": "On {d}, Max Lindqvist <max@gardenos.example> wrote:", "de": "Am {d} schrieb Max Lindqvist <max@gardenos.example>:", "fr": "Le {d}, Max Lindqvist <max@gardenos.example> a écrit :", "es": "El {d}, Max Lindqvist <max@gardenos.example> escribió:"}
QUOTED = ["Hi {me},\n\nI wanted to follow up on the demo last week. Would you like to see pricing, or set up a call with your team?\nIf you're not interested, just reply and I'll stop writing.\n\nBest,\nMax", "Hello {me},\n\nJust checking in: did you get a chance to look at the proposal? Happy to answer any questions or book a meeting.\n\nMax Lindqvist\nGardenOS"]
SUBJ = ["Re: Quick question about your sales pipeline","Re: Following up on our demo","Re: GardenOS for {co}","RE: Proposal","AW: Ihre Anfrage","RE: Suivi de notre échange","RE: Seguimiento"]
DOMS = ["northwind.example","brightwave.example","kestrel-dental.example","harborpine.example","alpenblick.example","maisonverte.example"]

def slug(s): return s.lower().replace("í","i").replace("á","a").replace("é","e").replace(" ","")
out = []
n = 0
for cat, langs in P.items():
    items = [(l, s) for l, ss in langs.items() for s in ss]
    target = {"train": 30, "holdout": 10, "fresh": 5}[which]
    order = []
    while len(order) < target:
        c = items[:]; rnd.shuffle(c); order += c
    # make sure each sentence appears at least once
    order = items + order[: max(0, target - len(items))] if len(items) < target else items[:target]
    for i, (lang, core) in enumerate(order):
        n += 1
        first, last = rnd.choice(PEOPLE[lang]); co = rnd.choice(COMPANIES); dom = rnd.choice(DOMS)
        me_from = f"{first} {last} <{slug(first)}.{slug(last)}@{dom}>"
        received = f"2026-{rnd.randint(1,11):02d}-{rnd.randint(1,28):02d}T{rnd.randint(7,18):02d}:{rnd.choice(['05','17','32','48'])}:00Z"
        cname, cmail = rnd.choice(COLLEAGUES)
        text = core.replace("{name}", cname).replace("{mail}", f"{cmail}@{dom}").replace("{addr}", f"{slug(first)}.{slug(last)}@{dom}").replace("{dom}", dom)
        headers = None
        if cat == "bounce":
            frm = rnd.choice([f"Mail Delivery Subsystem <mailer-daemon@{dom}>", f"MAILER-DAEMON@mx.{dom}", f"postmaster@{dom}", f"Microsoft Outlook <postmaster@outlook.example>"])
            subject = rnd.choice(["Undelivered Mail Returned to Sender","Delivery Status Notification (Failure)","Undeliverable: Following up on our demo","Mail delivery failed: returning message to sender","Unzustellbar: Ihre Anfrage","Non remis : Suivi"])
            body = text + "\n\n----- Original message -----\nFrom: Max Lindqvist <max@gardenos.example>\nTo: " + f"{slug(first)}.{slug(last)}@{dom}" + "\nSubject: Following up on our demo\n\nHi " + first + ",\nI wanted to follow up on the demo last week."
            out.append({"id": f"{which[0]}{n:03d}", "label": cat, "lang": lang, "email": {"from": frm, "to": "max@gardenos.example", "subject": subject, "body": body, "received_at": received}})
            continue
        greet = rnd.choice(GREET[lang]).replace("{me}", "Max")
        parts = []
        if greet: parts.append(greet)
        filler = rnd.choice(FILLER[lang]) if rnd.random() < 0.35 and cat not in ("out_of_office", "unsubscribe") else ""
        para = (filler + " " + text).strip() if filler else text
        parts.append(para)
        so = rnd.choice(SIGNOFF[lang])
        if cat in ("out_of_office",) and rnd.random() < 0.5: so = ""
        sig = ""
        if so:
            sig = so + "\n" + first
            if rnd.random() < 0.4: sig += f" {last}\n{rnd.choice(['Head of Sales','Operations Manager','CEO','IT Director','Office Manager'])} | {co}\n+44 20 7946 0{rnd.randint(100,999)}"
        if rnd.random() < 0.15: sig += "\n\n" + rnd.choice(["Sent from my iPhone","Von meinem iPhone gesendet","Envoyé de mon iPhone","Enviado desde mi iPhone"])
        body = "\n\n".join(parts) + ("\n\n" + sig if sig else "")
        quoted = rnd.random() < 0.35 and cat != "out_of_office"
        hdr = ""
        if quoted:
            q = rnd.choice(QUOTED).replace("{me}", first)
            hdr = QUOTE_HDR[lang].replace("{d}", rnd.choice(["Tue, 3 Mar 2026 at 10:04","Mon, Feb 9, 2026 at 4:12 PM","12.02.2026 um 09:15","mar. 3 mars 2026 à 10:04","lun, 9 feb 2026 a las 16:12"]))
            if rnd.random() < 0.3:
                body += "\n\n-----Original Message-----\nFrom: Max Lindqvist <max@gardenos.example>\nSent: Monday, February 9, 2026 4:12 PM\nTo: " + me_from + "\nSubject: Following up\n\n" + q
            else:
                body += "\n\n" + hdr + "\n" + "\n".join("> " + l for l in q.split("\n"))
        if rnd.random() < 0.12:
            own_part, _, quote_part = body.partition("\n\n" + (hdr if quoted else "\x00"))
            own_part = own_part.split("\n\n-----Original Message-----")[0]
            hb = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in own_part.split("\n\n"))
            if quoted:
                qt = "<br>".join(html.escape(l[2:]) for l in quote_part.strip().split("\n"))
                hb += f"<div class=\"gmail_quote\"><div class=\"gmail_attr\">{html.escape(hdr)}</div><blockquote class=\"gmail_quote\">{qt}</blockquote></div>"
            body = f"<html><body><div dir=\"ltr\">{hb}</div></body></html>"
        subject = rnd.choice(SUBJ).replace("{co}", co)
        if cat == "out_of_office": subject = rnd.choice(["Automatic reply: Following up on our demo","Out of Office","Abwesenheitsnotiz: Ihre Anfrage","Réponse automatique : Suivi","Respuesta automática: Seguimiento","Re: Following up"])
        headers = None
        if cat == "out_of_office" and rnd.random() < 0.4: headers = {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}
        e = {"from": me_from, "to": "max@gardenos.example", "subject": subject, "body": body, "received_at": received, "in_reply_to": f"<followup-{n:04d}@gardenos.example>"}
        if headers: e["headers"] = headers
        out.append({"id": f"{which[0]}{n:03d}", "label": cat, "lang": lang, "email": e})
rnd.shuffle(out)
for o in out: print(json.dumps(o, ensure_ascii=False))

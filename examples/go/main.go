// A CRM service in Go that talks to GardenOS over NATS JetStream only, written from the README's
// "Events for other CRM services": it publishes a lead-analysis task, waits for its
// lead.analyzed (or task.failed), publishes a task that breaks the contract and shows the
// task.failed naming the field, then a follow-up and an e-mail classification.
//
//	go run .                        # against `gardenos up` in ../.. (reads .gardenos/nats-credentials.env)
//	go run . -nats nats://127.0.0.1:4223 -creds /path/to/.gardenos/nats-credentials.env -json
//
// Without Go modules (Debian's golang-github-nats-io-go-nats-dev, no network):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run main.go
package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

// event is what the program reads from every result: the common fields, the rest kept raw.
type event struct {
	subject string
	TaskID  string          `json:"task_id"`
	Type    string          `json:"type"`
	Status  string          `json:"status"`
	LeadID  string          `json:"lead_id"`
	Result  json.RawMessage `json:"result"`
	Error   *struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		Retryable bool   `json:"retryable"`
		Issues    []struct {
			Path    string `json:"path"`
			Message string `json:"message"`
		} `json:"issues"`
	} `json:"error"`
	raw []byte
}

// waiter hands each result event to the step waiting for its task id.
type waiter struct {
	events chan event
	seen   map[string]event
}

func (w *waiter) wait(taskID string, timeout time.Duration) (event, error) {
	if e, ok := w.seen[taskID]; ok {
		return e, nil
	}
	deadline := time.After(timeout)
	for {
		select {
		case e := <-w.events:
			if e.TaskID == taskID {
				return e, nil
			}
			w.seen[e.TaskID] = e
		case <-deadline:
			return event{}, fmt.Errorf("no result for task %s within %s", taskID, timeout)
		}
	}
}

func main() {
	natsURL := flag.String("nats", envOr("NATS_URL", "nats://127.0.0.1:4222"), "NATS URL that `gardenos up` printed")
	tenant := flag.String("tenant", "", "publish as this tenant (gateway's NATS_TENANTS): user crm-<tenant>, subjects tenant.<tenant>.…")
	user := flag.String("user", "", "broker user (default crm, or crm-<tenant>)")
	creds := flag.String("creds", "", "file with CRM_NATS_PASSWORD= (default: .gardenos/nats-credentials.env here or in ../..); $CRM_NATS_PASSWORD wins")
	timeout := flag.Duration("timeout", 20*time.Second, "how long to wait for each result")
	jsonOut := flag.Bool("json", false, "print one JSON line per step (for scripts and tests)")
	flag.Parse()

	// The README: user crm (a tenant's: crm-<tenant>), its password CRM_NATS_PASSWORD
	// (CRM_<TENANT>_NATS_PASSWORD) and the inbox prefix _INBOX_<user>.
	prefix := "" // subjects of the bare (default) tenant
	if *user == "" {
		*user = "crm"
		if *tenant != "" {
			*user = "crm-" + *tenant
		}
	}
	if *tenant != "" {
		prefix = "tenant." + *tenant + "."
	}
	passwordVar := strings.Map(func(r rune) rune {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, strings.ToUpper(*user)) + "_NATS_PASSWORD"

	password := os.Getenv(passwordVar)
	if password == "" {
		var err error
		if *creds == "" {
			*creds = ".gardenos/nats-credentials.env"
			if _, statErr := os.Stat(*creds); statErr != nil {
				*creds = "../../.gardenos/nats-credentials.env" // run from examples/go
			}
		}
		if password, err = readEnvFile(*creds, passwordVar); err != nil {
			fail("no password: set %s or -creds: %v", passwordVar, err)
		}
	}

	// The broker lets each user receive replies, such as JetStream's PubAck, only under its own prefix.
	nc, err := nats.Connect(*natsURL,
		nats.Name("gardenos-go-example"),
		nats.UserInfo(*user, password),
		nats.CustomInboxPrefix("_INBOX_"+*user))
	if err != nil {
		fail("connect %s: %v", *natsURL, err)
	}
	defer nc.Drain()
	js, err := nc.JetStream()
	if err != nil {
		fail("jetstream: %v", err)
	}

	// Subscribe to the results before publishing (core NATS: the result subjects are also
	// delivered live; the `crm` user may subscribe to them and to task.*).
	w := &waiter{events: make(chan event, 64), seen: map[string]event{}}
	for _, subject := range []string{"lead.analyzed", "followup.generated", "email.classified", "task.failed"} {
		if _, err := nc.Subscribe(prefix+subject, func(m *nats.Msg) {
			var e event
			if err := json.Unmarshal(m.Data, &e); err != nil {
				fmt.Fprintf(os.Stderr, "unreadable event on %s: %v\n", m.Subject, err)
				return
			}
			e.subject, e.raw = strings.TrimPrefix(m.Subject, prefix), m.Data
			w.events <- e
		}); err != nil {
			fail("subscribe %s: %v", subject, err)
		}
	}
	if err := nc.Flush(); err != nil {
		fail("flush: %v", err)
	}

	run := newID()
	ok := true
	report := func(step string, published map[string]any, e event, err error, check func(event) string) {
		problem := ""
		if err != nil {
			problem = err.Error()
		} else if check != nil {
			problem = check(e)
		}
		if problem != "" {
			ok = false
		}
		if *jsonOut {
			line := map[string]any{"step": step, "task_id": published["task_id"], "sent": published, "ok": problem == ""}
			if problem != "" {
				line["problem"] = problem
			}
			if err == nil {
				line["subject"] = e.subject
				line["event"] = json.RawMessage(e.raw)
			}
			b, _ := json.Marshal(line)
			fmt.Println(string(b))
			return
		}
		fmt.Printf("\n== %s: task %v\n", step, published["task_id"])
		if err != nil {
			fmt.Printf("   ERROR %s\n", problem)
			return
		}
		if e.Status != "" {
			fmt.Printf("   %s (%s)\n", e.subject, e.Status)
		} else {
			fmt.Printf("   %s\n", e.subject)
		}
		if e.Error != nil {
			fmt.Printf("   %s: %s\n", e.Error.Code, e.Error.Message)
			for _, i := range e.Error.Issues {
				fmt.Printf("     - %s: %s\n", i.Path, i.Message)
			}
		}
		if len(e.Result) > 0 {
			var pretty map[string]any
			_ = json.Unmarshal(e.Result, &pretty)
			for _, k := range []string{"lead_quality_score", "conversion_probability", "recommended_action",
				"subject", "body", "category", "confidence", "route", "suggested_action"} {
				if v, has := pretty[k]; has {
					fmt.Printf("   %s: %v\n", k, v)
				}
			}
		}
		if problem != "" {
			fmt.Printf("   UNEXPECTED: %s\n", problem)
		}
	}

	publish := func(subject string, task map[string]any) error {
		body, err := json.Marshal(task)
		if err != nil {
			return err
		}
		// task_id is the idempotency key; Nats-Msg-Id set to the same value lets JetStream drop a
		// duplicate publish. The PubAck means the task is stored.
		_, err = js.Publish(prefix+subject, body, nats.MsgId(task["task_id"].(string)))
		return err
	}

	lead := map[string]any{
		"id":         "go-" + run,
		"company":    map[string]any{"name": "Acme Robotics", "industry": "Manufacturing", "employees": 450},
		"contact":    map[string]any{"name": "Jane Doe", "title": "VP of Operations", "email": "jane@acme-robotics.example"},
		"engagement": map[string]any{"source": "Referral", "created_at": "2026-11-01T09:00:00Z"},
		"behavior":   map[string]any{"site_visits": 12, "time_on_site_seconds": 1800, "last_activity": "Requested a demo"},
	}

	// (a) + (b): a lead-analysis task on the plain (normal-priority) subject, and its result.
	analysis := map[string]any{"task_id": "go-analysis-" + run, "lead": lead, "priority": 5}
	step(report, "analyze", analysis, publish("lead.analyze", analysis), w, *timeout, func(e event) string {
		if e.subject != "lead.analyzed" {
			return "expected lead.analyzed, got " + e.subject
		}
		var r struct {
			Score *float64 `json:"lead_quality_score"`
		}
		if json.Unmarshal(e.Result, &r) != nil || r.Score == nil {
			return "result without lead_quality_score"
		}
		if e.LeadID != lead["id"] {
			return fmt.Sprintf("lead_id %q, sent %q", e.LeadID, lead["id"])
		}
		return ""
	})

	// (c): a task that breaks the contract (an e-mail address that is none): no retry, a
	// task.failed with ERR_EVENT_INVALID and the field in error.issues.
	invalid := map[string]any{"task_id": "go-invalid-" + run,
		"lead": map[string]any{"id": "go-bad-" + run, "contact": map[string]any{"name": "Bob", "email": "not-an-address"}}}
	step(report, "invalid", invalid, publish("lead.analyze", invalid), w, *timeout, func(e event) string {
		if e.subject != "task.failed" || e.Error == nil {
			return "expected task.failed, got " + e.subject
		}
		for _, i := range e.Error.Issues {
			if i.Path == "lead.contact.email" {
				return ""
			}
		}
		return "task.failed does not name lead.contact.email"
	})

	// (d): a follow-up e-mail for the same lead, with the salesperson's context.
	followup := map[string]any{"task_id": "go-followup-" + run, "lead": lead,
		"context": "Demo last Tuesday went well; she asked for pricing for 40 seats.", "priority": 9}
	step(report, "followup", followup, publish("followup.generate.high", followup), w, *timeout, func(e event) string {
		if e.subject != "followup.generated" {
			return "expected followup.generated, got " + e.subject
		}
		return ""
	})

	// (d): a reply to classify.
	email := map[string]any{"task_id": "go-email-" + run, "lead_id": lead["id"],
		"email": map[string]any{
			"from": "Jane Doe <jane@acme-robotics.example>", "to": "sales@gardenos.example",
			"subject": "Re: Following up", "body": "Thanks! Can we talk Tuesday at 3pm EST about the rollout?",
			"received_at": time.Now().UTC().Format(time.RFC3339)}}
	step(report, "classify", email, publish("email.classify", email), w, *timeout, func(e event) string {
		if e.subject != "email.classified" {
			return "expected email.classified, got " + e.subject
		}
		return ""
	})

	if !ok {
		os.Exit(1)
	}
}

func step(report func(string, map[string]any, event, error, func(event) string), name string,
	task map[string]any, pubErr error, w *waiter, timeout time.Duration, check func(event) string) {
	if pubErr != nil {
		report(name, task, event{}, fmt.Errorf("publish: %w", pubErr), nil)
		return
	}
	e, err := w.wait(task["task_id"].(string), timeout)
	report(name, task, e, err, check)
}

func readEnvFile(path, key string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s.Text()), "export "))
		if strings.HasPrefix(line, key+"=") {
			return strings.Trim(strings.TrimPrefix(line, key+"="), `"'`), nil
		}
	}
	return "", fmt.Errorf("%s not in %s", key, path)
}

func newID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "error: "+format+"\n", args...)
	os.Exit(2)
}

// A NATS consumer nobody on this project wrote the client of: it subscribes with the
// official Go client (nats.go), prints "ready" once the subscription is registered, then
// prints the first message on the subject as one JSON line {subject, headers, body}
// and exits. Built offline in GOPATH mode from Debian's golang-github-nats-io-go-nats-dev.
//
// Usage: go-consumer NATS_URL SUBJECT
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats.go"
)

type received struct {
	Subject string              `json:"subject"`
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-consumer NATS_URL SUBJECT")
		os.Exit(2)
	}
	nc, err := nats.Connect(os.Args[1], nats.Timeout(5*time.Second))
	if err != nil {
		fmt.Fprintln(os.Stderr, "connect:", err)
		os.Exit(1)
	}
	defer nc.Close()
	sub, err := nc.SubscribeSync(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "subscribe:", err)
		os.Exit(1)
	}
	// The round trip guarantees the server has the subscription before we say so.
	if err := nc.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "flush:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	msg, err := sub.NextMsg(30 * time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, "next message:", err)
		os.Exit(1)
	}
	out, _ := json.Marshal(received{Subject: msg.Subject, Headers: msg.Header, Body: string(msg.Data)})
	fmt.Println(string(out))
}

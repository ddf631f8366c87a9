#!/usr/bin/env node
// A webhook receiver that verifies Pedigree's Standard Webhooks signatures and drops repeats.
// Usage: WEBHOOK_SECRET=whsec_… node examples/webhook-receiver.js [port]
'use strict';
const { createServer } = require('node:http');
const { Webhook } = require('standardwebhooks');

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const seen = new Set(); // deliveries are at least once: deduplicate by webhook-id (keep it in your database)

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    let event;
    try {
      event = webhook.verify(body, req.headers); // checks the HMAC and that the timestamp is recent
    } catch {
      return res.writeHead(401).end();
    }
    if (!seen.has(req.headers['webhook-id'])) {
      seen.add(req.headers['webhook-id']);
      console.log(JSON.stringify({ type: event.type, subject: event.subject, id: event.id }));
    }
    res.writeHead(204).end();
  });
}).listen(Number(process.argv[2] ?? 8787), '127.0.0.1', () => console.error('receiver ready'));

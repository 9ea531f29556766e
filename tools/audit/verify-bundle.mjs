#!/usr/bin/env node
// Offline verifier of an APO evidence bundle (format apo-evidence-bundle/1, issue #21).
// Needs only Node (>= 18) and the bundle: no database, no server, no project install.
//
//   node verify-bundle.mjs bundle.json [--key <verifier key>] [--json]
//
// --key is the log's verifier key (`name+hash+base64`) you got out of band; without it the
// verifier trusts the key written in the bundle itself, and says so.
// Exit 0: every check passed; 1: a check failed (each failure names the event and why);
// 2: bad usage or a file that is not an evidence bundle.
//
// What it checks:
// 1. checkpoint: a C2SP signed note (c2sp.org/signed-note) carrying a valid Ed25519 signature by
//    the key, whose text is a C2SP tlog checkpoint (origin, tree size, root) for the bundle's origin;
// 2. each event: metadata.hash is SHA-256 of the RFC 8785 canonical JSON of the event without it
//    (as hashEvent in libs/engine/src/envelope.ts), revisions run 0..n-1, and each prevHash is the
//    previous event's hash (the first: 64 zeros);
// 3. each event's leaf (its hash's 32 bytes) and inclusion proof reach the checkpoint's root
//    (RFC 9162 §2.1.3.2), leaves in log order;
// 4. the recorded transitions: each event starts (metadata.from) where the previous one ended (to).
// Then it prints the timeline and the final state. It proves the events the bundle holds, not that
// none follows them; the full replay through the workflow machine is `coe audit verify <id>`.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const FORMAT = 'apo-evidence-bundle/1';
const GENESIS_HASH = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

class UsageError extends Error {}

const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
/** Strict standard base64 (RFC 4648 §4): one spelling per byte string, else undefined. */
function base64(text) {
  if (typeof text !== 'string' || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
/** Control characters shown as escapes, so nothing in a bundle can drive the terminal. */
// eslint-disable-next-line no-control-regex
const safe = (v) => String(v).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

// ---- C2SP signed-note verifier keys: name+hash+base64(0x01 || Ed25519 public key) ----------
function parseVerifierKey(text) {
  const [name, hash, ...rest] = String(text).split('+');
  const raw = base64(rest.join('+'));
  if (!name || !/^[0-9a-f]{8}$/.test(hash ?? '') || raw === undefined || raw.length !== 33 || raw[0] !== 0x01)
    throw new UsageError(`not an Ed25519 verifier key (name+hash+base64): ${safe(String(text).slice(0, 80))}`);
  const publicKey = raw.subarray(1);
  // Key ID = first 4 bytes of SHA-256(name || "\n" || 0x01 || public key) (C2SP signed-note).
  const keyId = sha256(Buffer.from(`${name}\n`, 'utf8'), raw).readUInt32BE(0);
  if (keyId.toString(16).padStart(8, '0') !== hash) throw new UsageError(`verifier key ${safe(name)}: its hash ${hash} does not match the key`);
  const keyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' });
  return { name, keyId, keyObject, text: String(text) };
}

// ---- C2SP signed note + tlog-checkpoint: text, blank line, "— name base64(keyId || sig)" -----
/** The checkpoint's origin, size and root if `key` signed the note; else throws with why. */
function openCheckpoint(note, key) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint is not a signed note (no blank line before the signatures)');
  const text = note.slice(0, split + 1);
  const lines = note
    .slice(split + 2)
    .replace(/\n$/, '')
    .split('\n');
  const ours = lines.filter((line) => {
    const [name, sig] = line.replace(/^\u2014 /, '').split(' ');
    const bytes = base64(sig);
    return line.startsWith('\u2014 ') && name === key.name && bytes !== undefined && bytes.length >= 4 && bytes.readUInt32BE(0) === key.keyId;
  });
  if (ours.length === 0) throw new Error(`the checkpoint carries no signature by ${safe(key.name)}+${key.keyId.toString(16).padStart(8, '0')}`);
  for (const line of ours) {
    const signature = base64(line.split(' ')[2]).subarray(4);
    if (signature.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), key.keyObject, signature))
      throw new Error(`the checkpoint's signature by ${safe(key.name)} does not verify: the note was edited or forged`);
  }
  // tlog-checkpoint body: origin, decimal tree size, base64 root hash, optional extension lines.
  const [origin, sizeLine, rootLine] = text.slice(0, -1).split('\n');
  const root = base64(rootLine);
  if (!origin || !/^(0|[1-9][0-9]*)$/.test(sizeLine ?? '') || !Number.isSafeInteger(Number(sizeLine)) || root?.length !== 32)
    throw new Error('the signed checkpoint does not parse (origin, tree size, base64 root hash)');
  return { origin, size: Number(sizeLine), root };
}

// ---- The event envelope: RFC 8785 canonical JSON, SHA-256, prevHash chain --------------------
/** RFC 8785 JCS of parsed JSON: ES number and string forms (§3.2.2), keys in UTF-16 order (§3.2.3). */
function canonical(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
    .join(',')}}`;
}
/** As hashEvent in libs/engine/src/envelope.ts: SHA-256 hex of the JCS of the event without metadata.hash. */
function hashEvent(e) {
  const metadata = Object.fromEntries(Object.entries(e.metadata).filter(([k]) => k !== 'hash'));
  const body = { streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata };
  return createHash('sha256').update(canonical(body), 'utf8').digest('hex');
}

// ---- RFC 9162 §2.1: Merkle tree hashing and inclusion proof verification ---------------------
const leafHash = (leaf) => sha256(Buffer.of(0x00), leaf); // §2.1.1 MTH({d0}) = SHA-256(0x00 || d0)
const nodeHash = (l, r) => sha256(Buffer.of(0x01), l, r); // §2.1.1 SHA-256(0x01 || left || right)
/** RFC 9162 §2.1.3.2: does `proof` place `leaf` (a leaf hash) at `index` of the tree of `size` with `root`? */
function verifyInclusion(leaf, index, size, proof, root) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false; // proof too long
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
    } else r = nodeHash(r, p);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && r.equals(root);
}
/** The design's leaf (transparencyLeafData): the stored metadata.hash's 32 bytes when it is 64 lower-case hex, else the recomputed hash. */
const leafData = (e, recomputed) => Buffer.from(typeof e.metadata.hash === 'string' && HEX64.test(e.metadata.hash) ? e.metadata.hash : recomputed, 'hex');

// ---- The checks ---------------------------------------------------------------------------------
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function readBundle(file) {
  let bundle;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${safe(file)} as JSON: ${safe(error.message)}`);
  }
  if (!isObject(bundle) || bundle.format !== FORMAT) throw new UsageError(`${safe(file)} is not an evidence bundle (format ${FORMAT})`);
  for (const field of ['origin', 'verifierKey', 'checkpoint', 'createdAt'])
    if (typeof bundle[field] !== 'string') throw new UsageError(`the bundle has no ${field} string`);
  if (!isObject(bundle.instance) || typeof bundle.instance.streamId !== 'string') throw new UsageError('the bundle has no instance with a streamId');
  if (!Array.isArray(bundle.events) || bundle.events.length === 0) throw new UsageError('the bundle has no events');
  return bundle;
}

const eventName = (e, i) => (isObject(e) ? `${safe(e.streamId)}@${safe(e.revision)}` : `event #${i}`);

/** Every check; returns the list of failures ({event, check, message}) and what was learnt. */
function check(bundle, key) {
  const failures = [];
  const fail = (event, checkName, message) => failures.push({ event, check: checkName, message });
  let tree;
  try {
    tree = openCheckpoint(bundle.checkpoint, key);
    if (tree.origin !== bundle.origin) fail(undefined, 'checkpoint', `the checkpoint's origin is ${safe(tree.origin)}, the bundle says ${safe(bundle.origin)}`);
  } catch (error) {
    fail(undefined, 'checkpoint', error.message);
  }
  const { streamId } = bundle.instance;
  let prevHash = GENESIS_HASH;
  let previous;
  bundle.events.forEach((e, i) => {
    const name = eventName(e, i);
    if (!isObject(e) || !isObject(e.metadata) || !isObject(e.data) || typeof e.eventId !== 'string' || typeof e.type !== 'string')
      return fail(name, 'envelope', 'not an event (streamId, revision, eventId, type, data, metadata)');
    const m = e.metadata;
    if (e.streamId !== streamId) fail(name, 'stream', `belongs to ${safe(e.streamId)}, not the instance's ${safe(streamId)}`);
    if (e.revision !== i) fail(name, 'revisions', `stands where revision ${i} should (an event is missing, added or out of order)`);
    const recomputed = hashEvent(e);
    if (m.hash !== recomputed) fail(name, 'envelope hash', `metadata.hash is ${safe(m.hash)}, the event hashes to ${recomputed} (edited)`);
    if (m.prevHash !== prevHash) fail(name, 'hash chain', `metadata.prevHash is ${safe(m.prevHash)}, the previous event's hash is ${prevHash}`);
    prevHash = typeof m.hash === 'string' ? m.hash : recomputed;
    const initial = bundle.instance.initialState;
    if (previous === undefined && initial !== undefined && m.from !== initial)
      fail(name, 'transitions', `starts from ${safe(m.from)}, not the machine's initial state ${safe(initial)}`);
    if (previous !== undefined && m.from !== previous.metadata.to)
      fail(name, 'transitions', `starts from ${safe(m.from)} but the previous event ended in ${safe(previous.metadata.to)}`);
    if (previous !== undefined && !(e.leafIndex > previous.leafIndex))
      fail(name, 'log order', `leaf ${safe(e.leafIndex)} does not follow the previous event's leaf ${safe(previous.leafIndex)}`);
    previous = e;
    if (tree === undefined) return;
    const proof = Array.isArray(e.inclusionProof) && e.inclusionProof.every((h) => typeof h === 'string' && HEX64.test(h)) ? e.inclusionProof : undefined;
    if (proof === undefined) return fail(name, 'inclusion', 'its inclusion proof is not a list of 64-hex hashes');
    if (!(Number.isSafeInteger(e.leafIndex) && e.leafIndex >= 0 && e.leafIndex < tree.size))
      return fail(name, 'inclusion', `leaf ${safe(e.leafIndex)} is not in the checkpoint's tree of ${tree.size} leaves`);
    const hashes = proof.map((h) => Buffer.from(h, 'hex'));
    if (!verifyInclusion(leafHash(leafData(e, recomputed)), e.leafIndex, tree.size, hashes, tree.root))
      fail(
        name,
        'inclusion',
        `its leaf and proof do not reach the checkpoint's root at leaf ${e.leafIndex} of ${tree.size} (the event or its proof is not what the log signed)`,
      );
  });
  return { failures, tree };
}

/** The recorded replay: one line per event (business date, type, from -> to, who), then the final state. */
function timeline(bundle) {
  return bundle.events.filter(isObject).map((e) => {
    const m = isObject(e.metadata) ? e.metadata : {};
    const actor = isObject(m.actor) ? m.actor : {};
    return {
      revision: e.revision,
      effectiveDate: m.effectiveDate,
      type: e.type,
      from: m.from,
      to: m.to,
      actor: `${actor.id} (${actor.role})`,
      recordedAt: m.recordedAt,
    };
  });
}

function parseArgs(argv) {
  const args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--key') args.key = argv[++i] ?? '';
    else if (argv[i].startsWith('-') || args.file !== undefined) throw new UsageError(`unexpected argument ${safe(argv[i])}`);
    else args.file = argv[i];
  }
  if (args.file === undefined) throw new UsageError('usage: node verify-bundle.mjs bundle.json [--key <verifier key>] [--json]');
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const bundle = readBundle(args.file);
  const trusted = args.key === undefined ? 'bundle' : 'given';
  const key = parseVerifierKey(args.key ?? bundle.verifierKey);
  const { failures, tree } = check(bundle, key);
  const events = timeline(bundle);
  const last = events.at(-1);
  const report = {
    verified: failures.length === 0,
    key: key.text,
    bundleKey: bundle.verifierKey,
    keyTrusted: trusted === 'given' ? 'given with --key' : "the bundle's own verifierKey (not checked against a key from the log's operator)",
    checkpoint: tree && { origin: tree.origin, size: tree.size, rootHash: tree.root.toString('hex') },
    instance: bundle.instance,
    failures,
    timeline: events,
    finalState: last?.to,
    businessDates: { first: events[0]?.effectiveDate, last: last?.effectiveDate },
  };
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const out = [
      `evidence bundle ${safe(args.file)}: ${safe(bundle.instance.programme)} ${safe(bundle.instance.id)} (${safe(bundle.instance.streamId)}), ${bundle.events.length} events`,
    ];
    out.push(
      trusted === 'given'
        ? `key: ${safe(key.text)} (given with --key)${key.text === bundle.verifierKey ? '' : `; the bundle names another key, ${safe(bundle.verifierKey)}`}`
        : `WARNING: no --key given; trusting the bundle's own key ${safe(key.text)}. Get the log's verifier key from its operator out of band and pass --key.`,
    );
    if (tree) out.push(`checkpoint: ${safe(tree.origin)}, tree size ${tree.size}, root ${tree.root.toString('hex')}`);
    out.push('', `timeline as recorded (trust it only if VERIFIED below), from the initial state ${safe(events[0]?.from)}:`);
    for (const e of events)
      out.push(
        `  #${safe(e.revision)}  ${safe(e.effectiveDate)}  ${safe(e.type)}  ${safe(e.from)} -> ${safe(e.to)}  by ${safe(e.actor)}  recorded ${safe(e.recordedAt)}`,
      );
    out.push(`final state: ${safe(report.finalState)}; business dates ${safe(report.businessDates.first)} .. ${safe(report.businessDates.last)}`);
    out.push('(the full replay through the workflow machine is `coe audit verify <id>` with the project installed)', '');
    if (failures.length === 0)
      out.push(`VERIFIED: every event hashes to its envelope, chains from genesis, and is in the signed checkpoint of ${tree.size} leaves.`);
    else
      out.push(
        `NOT VERIFIED: ${failures.length} failure(s):`,
        ...failures.map((f) => `  ${f.event ?? 'checkpoint'}: ${f.event === undefined ? '' : `${f.check}: `}${f.message}`),
      );
    out.push('Note: a bundle proves the events it holds; it cannot show that no later event of the instance exists.');
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return failures.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`verify-bundle: ${error instanceof UsageError ? error.message : `cannot verify: ${safe(error?.message ?? error)}`}\n`);
  process.exitCode = 2;
}

// The node side of the JWT verification benchmark: panva's jose (exact version in
// package.json / package-lock.json; `npm ci` here installs it) verifying the same compact
// JWS that Tokenscope verified, one at a time, on one thread, for a given time per algorithm.
//
//   node verify.mjs DIR SECONDS      DIR holds ALG.tokens (one per line) and ALG.jwks
//
// Prints one JSON line: {"RS256": {"verified": N, "seconds": S, "perSecond": R}, …}.
import { readFileSync } from 'node:fs';
import process from 'node:process';

import { compactVerify, createLocalJWKSet } from 'jose';

const [dir, secondsArgument] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node verify.mjs DIR SECONDS\n');
  process.exit(2);
}
const seconds = Number(secondsArgument ?? 2);
const result = {};
for (const alg of ['RS256', 'ES256', 'EdDSA']) {
  const tokens = readFileSync(`${dir}/${alg}.tokens`, 'utf8').trim().split('\n');
  // The key set, looked up by kid and alg for each token, as Tokenscope's JwkSet is.
  const keys = createLocalJWKSet(JSON.parse(readFileSync(`${dir}/${alg}.jwks`, 'utf8')));
  for (const token of tokens) {
    await compactVerify(token, keys); // warm-up, and every token must verify
  }
  let verified = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const token of tokens) {
      await compactVerify(token, keys);
    }
    verified += tokens.length;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  result[alg] = { verified, seconds: elapsed, perSecond: verified / elapsed };
}
process.stdout.write(`${JSON.stringify(result)}\n`);

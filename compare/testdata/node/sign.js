// Signs requests with the npm package oauth-1.0a (ddo) and prints one JSON
// object per request: what the client sent, its secrets, and the verdict a
// checker must reach ("valid", or the id of the catalogue mistake the
// library makes on that request).
const OAuth = require('oauth-1.0a');
const crypto = require('crypto');

const consumer = { key: 'ck-node', secret: 'cs+node/1' };
const token = { key: 'tok-node', secret: 'ts node~2' };
const oauth = OAuth({
  consumer,
  signature_method: 'HMAC-SHA1',
  hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64'),
});

function emit(req, expect, body, contentType) {
  const auth = oauth.authorize(req, token);
  const headers = [['Authorization', oauth.toHeader(auth).Authorization]];
  if (contentType) headers.push(['Content-Type', contentType]);
  console.log(JSON.stringify({
    method: req.method, url: req.url, headers, body: body || '',
    consumer_secret: consumer.secret, token_secret: token.secret, expect,
  }));
}

// Correct: a query, and a form body given as data (signed, as the RFC says).
emit({ url: 'https://api.example.com/1/search?q=blue%20chair&page=2', method: 'GET' }, 'valid');
const form = { status: 'hello world!', lang: 'en' };
emit({ url: 'https://api.example.com/1/update', method: 'POST', data: form }, 'valid',
  Object.entries(form).map(([k, v]) => oauth.percentEncode(k) + '=' + oauth.percentEncode(v)).join('&'),
  'application/x-www-form-urlencoded');
// The library's mistake: a JSON body passed as data is signed field by field.
const json = { name: 'blue chair', note: 'a&b=c' };
emit({ url: 'https://api.example.com/1/items', method: 'POST', data: json }, 'json-body-signed',
  JSON.stringify(json), 'application/json');

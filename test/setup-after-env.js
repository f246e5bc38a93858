// nock patches Node's http module globally, and jest loads a fresh nock for each test file: switch each
// file's copy off when the file ends, or it keeps intercepting (and refusing) the next file's requests.
const nock = require('nock');

afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});

// @ts-check
'use strict';

const { setTimeout: delay } = require('timers/promises');

/**
 * What must not outlive `close()`: sleeps (fault delays, webhook retry waits) end early and outgoing
 * webhook requests (which take `signal`) are aborted, so jest sees no open handles.
 */
class Lifecycle {
	aborter = new AbortController();

	get signal() {
		return this.aborter.signal;
	}

	get closed() {
		return this.signal.aborted;
	}

	/** @param {number} ms @returns {Promise<void>} */
	sleep(ms) {
		return delay(ms, undefined, { signal: this.signal }).catch(() => undefined);
	}

	close() {
		this.aborter.abort();
	}
}

module.exports = { Lifecycle };

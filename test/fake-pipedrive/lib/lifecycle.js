// @ts-check
'use strict';

/**
 * What must not outlive `close()`: sleeps (fault delays, webhook retry waits) end early and
 * outgoing webhook requests are destroyed, so jest sees no open handles.
 */
class Lifecycle {
	constructor() {
		/** @type {Map<NodeJS.Timeout, () => void>} */
		this.sleeps = new Map();
		/** @type {Set<{ destroy: () => void }>} */
		this.requests = new Set();
		this.closed = false;
	}

	/** @param {number} ms @returns {Promise<void>} */
	sleep(ms) {
		if (this.closed) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.sleeps.delete(timer);
				resolve();
			}, ms);
			this.sleeps.set(timer, resolve);
		});
	}

	/**
	 * Tracks an outgoing request until it settles.
	 * @template {{ destroy: () => void, once: (event: 'close', listener: () => void) => unknown }} T
	 * @param {T} request
	 * @returns {T}
	 */
	track(request) {
		this.requests.add(request);
		request.once('close', () => this.requests.delete(request));
		return request;
	}

	close() {
		this.closed = true;
		for (const [timer, resolve] of this.sleeps) {
			clearTimeout(timer);
			resolve();
		}
		this.sleeps.clear();
		for (const request of this.requests) request.destroy();
		this.requests.clear();
	}
}

module.exports = { Lifecycle };

// The adapter's and the app's tests once more, with the lite Headers, Request and Response in place of
// Node's, as the AWS api bundle runs them (esbuild's inject, program/bundle): they must pass unchanged.
// Jest gives each test file its own globals, so the swap reaches only this file's modules.
import * as lite from '../../handlers/core/lite-fetch';
import { keepNodeClasses } from '../../handlers/core/lite-fetch/node-classes';

// What the lite classes hand over to stays Node's own, as in the bundle (where globalThis is untouched).
keepNodeClasses({ Request, Response });
Object.assign(globalThis, { Headers: lite.Headers, Request: lite.Request, Response: lite.Response });

it('runs with the lite classes (negative control of the swap)', () => {
  expect(new Response('x')).toBeInstanceOf(lite.Response);
  expect(new Headers()).toBeInstanceOf(lite.Headers);
});

require('./api-adapter.test');
require('./api-precheck.test');
require('../core/app-notes.test');
require('../core/app-odd-requests.test');
require('../core/app-misc.test');
require('../core/app-owners.test');

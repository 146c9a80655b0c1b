import { describe, expect, it } from 'vitest';
import { ArmError } from '../azure/arm-error';
import { summarizeError } from './error-summary';

const arm = (init: Partial<ConstructorParameters<typeof ArmError>[0]> & { code: string }) =>
  new ArmError({ message: 'as ARM said it', ...init });

describe('summarizeError', () => {
  it.each([
    [arm({ code: 'TooManyRequests', status: 429, retryAfterMs: 100_000 }), /throttling.*429.*wait 1m 40s/],
    [arm({ code: 'InternalServerError', status: 500 }), /internal error \(HTTP 500\)/],
    [arm({ code: 'ServiceUnavailable', status: 503 }), /temporarily unavailable \(HTTP 503\)/],
    [arm({ code: 'GatewayBusy', operationStatus: 'Failed' }), /operation and it failed/],
    [arm({ code: 'OperationTimedOut' }), /never finished.*abandoned/],
    [arm({ code: 'InvalidResponse', status: 200 }), /could not be read/],
    [arm({ code: 'NetworkError' }), /could not be reached/],
    [arm({ code: 'ExpiredAuthenticationToken', status: 401 }), /token as expired \(HTTP 401\)/],
    [arm({ code: 'InvalidAuthenticationToken', status: 401 }), /refused the sign-in token \(HTTP 401\)/],
    [arm({ code: 'InvalidAuthenticationTokenTenant', status: 401 }), /belongs to another tenant.*switch tenant.*\(HTTP 401\)/],
    [arm({ code: 'AuthorizationFailed', status: 403 }), /not allowed.*\(HTTP 403\).*role/],
    [arm({ code: 'ResourceNotFound', status: 404 }), /gateway was not found \(HTTP 404\): deleted/],
    [arm({ code: 'ForeignPollingUrl' }), /another server.*token stays with ARM/],
    [arm({ code: 'BatchResponseMissing' }), /batch endpoint left this request unanswered/],
    [arm({ code: 'BatchLocationUnreadable' }), /batch endpoint.*cannot read \(CORS\)/],
    [arm({ code: 'BatchTimedOut' }), /batch endpoint did not finish in time/],
    [arm({ code: 'HttpError418', status: 418 }), /HTTP 418/],
  ])('says what happened in plain words and keeps the code: %s', (error, headline) => {
    const summary = summarizeError(error);
    expect(summary.headline).toMatch(headline);
    expect(summary.code).toBe(error.code);
    expect(summary.message).toBe('as ARM said it');
  });

  it('keeps the request ID for a support ticket', () => {
    expect(summarizeError(arm({ code: 'X', status: 500, requestId: 'abc-123' })).requestId).toBe('abc-123');
  });

  it('summarizes errors that are not from ARM without pretending they are', () => {
    expect(summarizeError(new TypeError('x is undefined'))).toMatchObject({ code: 'TypeError', message: 'x is undefined', headline: /unexpected/ });
    expect(summarizeError('weird')).toMatchObject({ code: 'Error', message: 'weird' });
  });
});

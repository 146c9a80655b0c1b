import { isArmError } from '../../azure/arm-error';

export interface ErrorSummary {
  code: string;
  message: string;
  requestId: string | null;
}

/** What a panel says about a failure: ARM's CloudError code and message when there is one. */
export function summarizeError(error: unknown): ErrorSummary {
  if (isArmError(error)) {
    return { code: error.code, message: error.message, requestId: error.requestId ?? null };
  }
  if (error instanceof Error) return { code: error.name || 'Error', message: error.message, requestId: null };
  return { code: 'Error', message: String(error), requestId: null };
}

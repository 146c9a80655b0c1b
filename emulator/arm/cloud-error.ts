import { sendJson, type AnswerSink } from '../http-io';

/** ARM's error envelope: `{ error: { code, message, target?, details? } }`. */
export function sendCloudError(
  res: AnswerSink,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

export function resourceNotFoundMessage(resourceType: string, name: string, resourceGroup: string): string {
  return `The Resource '${resourceType}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`;
}

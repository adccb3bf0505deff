/** A one-line reason for a failed review, fit for a check summary: no stack, no tokens, the API call that failed. */
interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
}

const isRequestError = (error: unknown): error is RequestErrorLike =>
  typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number";

export function describeError(error: unknown): string {
  if (isRequestError(error)) {
    const { method, url } = error.request ?? {};
    const path = url ? url.replace(/^https?:\/\/[^/]+/, "").replace(/\/api\/v3(?=\/)/, "").split("?")[0] : undefined;
    const call = method && path ? ` to ${method} ${decodeURIComponent(path)}` : "";
    const detail = error.message ? `: ${error.message.split("\n")[0].slice(0, 300)}` : "";
    return `the GitHub API answered ${error.status}${call}${detail}`;
  }
  if (error instanceof Error) return error.message.split("\n")[0].slice(0, 500);
  return String(error).slice(0, 500);
}

import { expect } from "vitest";

/** The page a manifest's confirmation is on: where hubcap sent the browser after the post. */
export async function postManifest(
  url: string,
  manifest: unknown,
  options: { org?: string; state?: string; origin?: string } = {},
): Promise<Response> {
  const base = options.org ? `/organizations/${options.org}/settings` : "/settings";
  const form = new URLSearchParams({
    manifest: typeof manifest === "string" ? manifest : JSON.stringify(manifest),
    ...(options.state && { state: options.state }),
  });
  // What a browser sends for another site's form: its origin, `cross-site`, and no hubcap cookie.
  return fetch(`${url}${base}/apps/new`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: options.origin ?? "http://localhost:9",
      "sec-fetch-site": "cross-site",
    },
    body: form,
  });
}

/**
 * The whole manifest flow by plain HTTP, as a browser does it: another site posts the manifest, the
 * signed-in person confirms; returns where hubcap redirects afterwards (the `redirect_url` with `code`).
 */
export async function confirmManifest(
  url: string,
  signedIn: { cookie: string; csrfToken: string },
  manifest: unknown,
  options: { org?: string; state?: string; name?: string } = {},
): Promise<URL> {
  const posted = await postManifest(url, manifest, options);
  expect(posted.status).toBe(303);
  const confirmation = new URL(posted.headers.get("location")!, url);
  const page = await fetch(confirmation, { headers: { cookie: signedIn.cookie } });
  expect(page.status).toBe(200);
  const name = options.name ?? /id="name" name="name" value="([^"]*)"/.exec(await page.text())![1]!;
  const created = await fetch(confirmation, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: signedIn.cookie,
      "content-type": "application/x-www-form-urlencoded",
      origin: url,
      "sec-fetch-site": "same-origin",
    },
    body: new URLSearchParams({ authenticity_token: signedIn.csrfToken, name }),
  });
  expect(created.status).toBe(303);
  return new URL(created.headers.get("location")!);
}

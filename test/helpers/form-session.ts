/** Signs in with plain HTTP requests (the login form's cookie and token, then the post), as a browser does. */
export async function signInByForm(url: string, login: string, password: string) {
  const form = await fetch(`${url}/login`);
  const loginCookie = form.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const token = /name="authenticity_token" value="([^"]+)"/.exec(await form.text())![1]!;
  const posted = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: loginCookie.join("; "),
      "content-type": "application/x-www-form-urlencoded",
      origin: url,
      "sec-fetch-site": "same-origin",
    },
    body: new URLSearchParams({ login, password, authenticity_token: token }),
  });
  if (posted.status !== 303) throw new Error(`sign-in failed: ${posted.status}`);
  const cookie = posted.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("hubcap_session="))!;
  const page = await fetch(`${url}/hubcap`, { headers: { cookie } });
  const csrfToken = /name="authenticity_token" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, csrfToken };
}

/** Whether a session cookie still opens a signed-in page. */
export async function stillSignedIn(url: string, cookie: string): Promise<boolean> {
  const response = await fetch(`${url}/hubcap`, { headers: { cookie }, redirect: "manual" });
  return response.status === 200;
}

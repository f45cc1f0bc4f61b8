import type { WorldFile } from "./domain/world-file.js";

/** The user token of the demo world. It is public knowledge: for demonstration on loopback only. */
export const DEMO_USER_TOKEN = "ghp_hubcapDemoTokenForLocalUseOnly0000000";

/** The demo user's password for the web pages: public knowledge too, for demonstration on loopback only. */
export const DEMO_PASSWORD = "hubcap-demo-password";

/** The demo app's client secret, for signing in with GitHub: public knowledge too, for loopback only. */
export const DEMO_CLIENT_SECRET = "0000hubcapdemoclientsecretforloopback000";

/** Where the demo app's web flow may send people back: any port on loopback (a native app's listener). */
export const DEMO_CALLBACK_URL = "http://127.0.0.1/callback";

/** The world `hubcap serve --demo` starts with: an org, a user, two repositories, one app installed twice. */
export function demoWorld(): WorldFile {
  return {
    users: [
      {
        login: "octocat",
        name: "The Octocat",
        site_admin: true,
        token: DEMO_USER_TOKEN,
        password: DEMO_PASSWORD,
      },
    ],
    orgs: [{ login: "octo-org", name: "Octo Org", members: ["octocat"], admins: ["octocat"] }],
    repos: [
      { full_name: "octo-org/hello-world", private: false, description: "My first repository" },
      { full_name: "octo-org/secret-plans", private: true },
      { full_name: "octocat/spoon-knife", private: true },
    ],
    apps: [
      {
        slug: "hubcap-demo",
        id: 1,
        name: "Hubcap Demo",
        description: "The demo app of hubcap's demo world",
        owner: "octo-org",
        public: true,
        permissions: { metadata: "read", issues: "write", contents: "read" },
        events: ["issues", "push"],
        private_key_file: "demo-app.pem",
        client_secret: DEMO_CLIENT_SECRET,
        callback_urls: [DEMO_CALLBACK_URL],
        enable_device_flow: true,
      },
    ],
    installations: [
      {
        app: "hubcap-demo",
        account: "octo-org",
        id: 1,
        repository_selection: "selected",
        repositories: ["hello-world"],
      },
      { app: "hubcap-demo", account: "octocat", id: 2, repository_selection: "all" },
    ],
  };
}

import type { WorldFile } from "./domain/world-file.js";

/** The user token of the demo world. It is public knowledge: for demonstration on loopback only. */
export const DEMO_USER_TOKEN = "ghp_hubcapDemoTokenForLocalUseOnly0000000";

/** The demo user's password for the web pages: public knowledge too, for demonstration on loopback only. */
export const DEMO_PASSWORD = "hubcap-demo-password";

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

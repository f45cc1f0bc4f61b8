import type { FieldError } from "../../domain/errors.js";
import type { Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";

/** A manifest hubcap cannot register, with every problem named (the site that sent it must fix them). */
export function manifestErrorsPage(errors: FieldError[], session: Session | undefined): Html {
  return layout({
    title: "Invalid GitHub App manifest",
    session,
    body: html`<h1>Invalid GitHub App manifest</h1>
      <p>The site that sent you here asked to register a GitHub App from a manifest hubcap cannot use:</p>
      <ul id="manifest-errors" role="alert">
        ${errors.map((e) => html`<li><code>${e.field}</code>: ${e.message ?? "is invalid"}</li>`)}
      </ul>
      <p>Nothing was created.</p>`,
  });
}

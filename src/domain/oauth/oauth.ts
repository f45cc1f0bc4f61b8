import type { RepositoryRole } from "../access.js";
import type { Account, App, Permissions, Repository, UserAccessToken } from "../model.js";
import type { Page } from "../../store/store.js";
import { deleteGrant, deleteToken, liveToken, resetToken, scopedInstallation } from "./app-tokens.js";
import { authenticateClient } from "./client-credentials.js";
import { approveDevice, denyDevice, findPendingDevice, pollDevice, startDevice } from "./device-flow.js";
import { changeInstallationRepository } from "./installation-repositories.js";
import type { OAuthDeps } from "./oauth-deps.js";
import { refreshUserToken } from "./refresh.js";
import { scopeToken, type ScopeRequest } from "./scope-token.js";
import {
  listOrgInstallations,
  listUserInstallationRepositories,
  listUserInstallations,
} from "./user-installations.js";
import { userAccessRole } from "./user-access-role.js";
import {
  authorize,
  checkAuthorizeRequest,
  denialUrl,
  exchangeCode,
  type AuthorizeRequest,
  type CodeExchange,
} from "./web-flow.js";

/**
 * "Sign in with GitHub" for GitHub Apps: the web and device flows that give an app a user access token,
 * what the app does with those tokens under its client credentials, and what the tokens reach. Each
 * rule lives in its own file; this is the one place the HTTP layer and the pages reach them through.
 */
export class OAuth {
  constructor(private readonly deps: OAuthDeps) {}

  /** The app a client id names (the authorize and device pages show it), or undefined. */
  findApp(clientId: string): Promise<App | undefined> {
    return this.deps.store.findAppByClientId(clientId);
  }

  authenticateClient(
    clientId: string | undefined,
    clientSecret: string | undefined,
  ): Promise<App | undefined> {
    return authenticateClient(this.deps.store, clientId, clientSecret);
  }

  // The web flow: the consent page calls checkAuthorizeRequest, then authorize or denialUrl.
  checkAuthorizeRequest(app: App, request: AuthorizeRequest): string {
    return checkAuthorizeRequest(app, request);
  }

  authorize(user: Account, app: App, request: AuthorizeRequest) {
    return authorize(this.deps, user, app, request);
  }

  denialUrl(app: App, request: AuthorizeRequest): string {
    return denialUrl(app, request);
  }

  exchangeCode(exchange: CodeExchange) {
    return exchangeCode(this.deps, exchange);
  }

  refresh(request: { clientId?: string; clientSecret?: string; refreshToken?: string }) {
    return refreshUserToken(this.deps, request);
  }

  // The device flow: the device page calls findPendingDevice, then approveDevice or denyDevice.
  startDevice(clientId: string | undefined) {
    return startDevice(this.deps, clientId);
  }

  findPendingDevice(userCode: string) {
    return findPendingDevice(this.deps, userCode);
  }

  approveDevice(userCode: string, user: Account) {
    return approveDevice(this.deps, userCode, user);
  }

  denyDevice(userCode: string) {
    return denyDevice(this.deps, userCode);
  }

  pollDevice(poll: { clientId?: string; deviceCode?: string }) {
    return pollDevice(this.deps, poll);
  }

  // The OAuth applications API, after the client's credentials are checked.
  checkToken(app: App, token: string): Promise<UserAccessToken> {
    return liveToken(this.deps, app, token);
  }

  scopedInstallation(token: UserAccessToken) {
    return scopedInstallation(this.deps, token);
  }

  resetToken(app: App, token: string) {
    return resetToken(this.deps, app, token);
  }

  deleteToken(app: App, token: string) {
    return deleteToken(this.deps, app, token);
  }

  scopeToken(app: App, token: string, request: ScopeRequest) {
    return scopeToken(this.deps, app, token, request);
  }

  deleteGrant(app: App, token: string) {
    return deleteGrant(this.deps, app, token);
  }

  // What a user's tokens reach.
  listUserInstallations(token: UserAccessToken, page: Page) {
    return listUserInstallations(this.deps, token, page);
  }

  listUserInstallationRepositories(token: UserAccessToken, installationId: number, page: Page) {
    return listUserInstallationRepositories(this.deps, token, installationId, page);
  }

  changeInstallationRepository(
    user: Account,
    change: { installationId: number; repositoryId: number; add: boolean; appId?: number },
  ) {
    return changeInstallationRepository(this.deps, user, change);
  }

  /** What a user access token may see of a repository (undefined: nothing). */
  userAccessRole(token: UserAccessToken, repository: Repository): Promise<RepositoryRole | undefined> {
    return userAccessRole(this.deps.store, token, repository);
  }

  listOrgInstallations(
    user: Account,
    login: string,
    page: Page,
    through?: { token: UserAccessToken; required: Readonly<Permissions> },
  ) {
    return listOrgInstallations(this.deps, user, login, page, through);
  }

  /** Whether the user has authorized the app (then the web flow goes straight back with a code). */
  async hasAuthorized(user: Account, app: App): Promise<boolean> {
    return (await this.deps.store.findGrant(user.id, app.id)) !== undefined;
  }
}

/**
 * The shapes a list operation takes from its caller: which rows (`Page`: limit and offset) and, for
 * Marketplace accounts, in which order. Declared with the store's queries; named here so that the HTTP
 * layer depends on the domain only.
 */
export type { Page, PurchaseOrder } from "../store/store.js";

/**
 * Expired codes are swept an hour after they expire, not at once: until then a device still polling
 * hears GitHub's `expired_token` rather than `incorrect_device_code`.
 */
export const SWEEP_AFTER_SECONDS = 3600;

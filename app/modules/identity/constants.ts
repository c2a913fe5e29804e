export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 200
export const INVITATION_DAYS = 7
export const ACCESS_CODE_DAYS = 14

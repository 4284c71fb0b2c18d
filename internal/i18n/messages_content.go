package i18n

// contentMessages are the messages of internal/content.
var contentMessages = map[string]entry{}

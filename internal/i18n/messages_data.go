package i18n

// dataMessages are the messages of internal/data.
var dataMessages = map[string]entry{}

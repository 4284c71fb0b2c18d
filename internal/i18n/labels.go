package i18n

// labels are the words of the rendered site (internal/render, internal/chart).
var labels = map[string]entry{}

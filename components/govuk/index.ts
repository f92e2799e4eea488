// GOV.UK Design System form components for server-rendered forms (plain posts to
// server actions; no client state, so they work without JavaScript).
export { Button } from "./Button";
export { Checkboxes, Radios, type ChoiceOption } from "./Choices";
export { ErrorSummary, type SummaryError } from "./ErrorSummary";
export { FieldError, describedBy } from "./FieldError";
export { FormGroup } from "./FormGroup";
export { Textarea, TextInput } from "./TextInput";
export { SummaryList, type SummaryRow } from "./SummaryList";
export { Table, TableContainer, type Column } from "./Table";
export { Select, type SelectOption } from "./Select";
export { NotificationBanner } from "./NotificationBanner";

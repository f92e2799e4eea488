/** What quotaCellAction answers when closing a cell still needs the supervisor's "Yes, close". */
export const QUOTA_CELL_CONFIRM = "confirm-close";

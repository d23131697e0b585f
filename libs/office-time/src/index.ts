// The office's calendar (OFFICE_TIME_ZONE): which office day an instant falls on, and where an office day begins and ends.
export * from './office-calendar';

// Every workflow the worker registers.
export { inquiryWorkflow } from './inquiry';
export { coordinationWorkflow } from './coordination';

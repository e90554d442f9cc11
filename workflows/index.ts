// Every workflow the worker registers.
export { inquiryWorkflow } from './inquiry';
export { coordinationWorkflow } from './coordination';
export { salesReturnWorkflow } from './sales-return';
export { serviceCaseWorkflow } from './service-case';
export { factoryRepairWorkflow } from './factory-repair';

export class GetSealQuery {}

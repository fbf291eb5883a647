package evidence

import (
	"fmt"

	"aula/sync/auditchain"
)

// Readme is the bundle's README.txt: how to check it, in Spanish (the officers' and the courts'
// language).
func Readme(badge, fingerprint string, head auditchain.Head) string {
	return fmt.Sprintf(`EXPEDIENTE DE FORMACIÓN — funcionario con credencial %s
Generado por el centro Aula. Cómo comprobar que nada fue alterado
=================================================================

1. La clave del centro
   Este paquete está firmado con la clave del centro. Su huella es:

       %s

   Compárela con la huella que el centro publica (la muestra "aula-server" al arrancar, y el
   administrador la puede leer por teléfono). Si no coincide, este paquete NO es del centro.

2. Comprobación automática (sin conexión)
   Con el programa del centro:

       aula-server evidence verify --in ESTE-ARCHIVO.zip

   Sale con código 0 y "evidencia íntegra" si el paquete está intacto; con código 1 y el nombre
   del archivo alterado si cambió un solo byte de cualquier archivo.

3. Comprobación a mano (con herramientas comunes)
   a) manifest.json lista cada archivo con su tamaño y su SHA-256: compárelos con
      "sha256sum ARCHIVO".
   b) manifest.sig es la firma Ed25519 (en base64) de manifest.json con la clave de
      center-key.pem:
          base64 -d manifest.sig > firma.bin
          openssl pkeyutl -verify -pubin -inkey center-key.pem -rawin -in manifest.json -sigfile firma.bin
   c) certificates.json trae cada certificado con su token firmado por el centro (AULA1.…) y su
      credencial Open Badges 3.0 (un JWT firmado con la misma clave, que cualquier verificador
      de Open Badges puede comprobar). El estado actual se consulta en /verify/CÓDIGO del centro.

4. El registro de auditoría
   audit/entries.json son las acciones administrativas sobre este funcionario (incluida la
   generación de este paquete). Cada entrada del registro del centro lleva el hash de la anterior:
       hash = SHA-256(prev ‖ entrada canónica)
   donde la entrada canónica es el JSON {"seq","at","actor","action","object","details","subject"}
   en ese orden. audit/chain.json es el tramo de la cadena desde la primera de esas entradas hasta
   la cabeza %d, y audit/head.json es esa cabeza firmada por el centro (firma Ed25519 del texto
   "aula-audit-head/1\n<seq>\n<hash>\n"). Si alguien cambiara, quitara o agregara una entrada, los
   hashes dejarían de enlazar o la cabeza firmada no coincidiría. Las estaciones guardan las
   cabezas que el centro les envió: "aula-server audit verify --against ARCHIVO" compara la cadena
   del centro con la copia de una estación.

5. El contenido
   transcript.json / transcript.pdf   la constancia de formación (horas por área, cursos, talleres)
   attempts/*.json                    cada evaluación: hoja de preguntas, respuestas, nota que
                                      informó la estación y nota recalculada por el centro
   certificates.json                  los certificados, sus firmas y credenciales Open Badges
   workshops.json                     la asistencia a talleres presenciales
`, badge, fingerprint, head.Seq)
}

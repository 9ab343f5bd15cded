{{- define "scalerhost.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "scalerhost.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "scalerhost.selectorLabels" -}}
app.kubernetes.io/name: {{ include "scalerhost.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "scalerhost.labels" -}}
{{ include "scalerhost.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: scalerhost
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The config value as a map, whether given as a map or as the file's text. */}}
{{- define "scalerhost.configMap" -}}
{{- if kindIs "string" .Values.config }}
{{- toJson (fromYaml .Values.config) }}
{{- else }}
{{- toJson (.Values.config | default dict) }}
{{- end }}
{{- end }}

{{- define "scalerhost.grpcPort" -}}
{{- $config := include "scalerhost.configMap" . | fromJson }}
{{- (($config.server | default dict).grpc | default dict).port | default 9090 | int }}
{{- end }}

{{- define "scalerhost.httpPort" -}}
{{- $config := include "scalerhost.configMap" . | fromJson }}
{{- (($config.server | default dict).http | default dict).port | default 8080 | int }}
{{- end }}

{{- define "scalerhost.tlsSecret" -}}
{{- if eq .Values.tls.mode "existingSecret" }}
{{- required "tls.existingSecret: required with tls.mode existingSecret (a Secret with tls.crt, tls.key and ca.crt)" .Values.tls.existingSecret }}
{{- else }}
{{- printf "%s-tls" (include "scalerhost.fullname" .) }}
{{- end }}
{{- end }}

{{- define "scalerhost.kedaClientSecret" -}}
{{- .Values.tls.kedaClient.secretName | default (printf "keda-%s-client" (include "scalerhost.fullname" .)) }}
{{- end }}

{{- define "scalerhost.triggerAuthentication" -}}
{{- printf "%s-mtls" (include "scalerhost.fullname" .) }}
{{- end }}

{{/* host:port that KEDA calls; the serving certificate carries the host name. */}}
{{- define "scalerhost.scalerAddress" -}}
{{- printf "%s.%s.svc.cluster.local:%s" (include "scalerhost.fullname" .) .Release.Namespace (include "scalerhost.grpcPort" .) }}
{{- end }}

{{/* Fails on values that contradict each other, with what to change. */}}
{{- define "scalerhost.validate" -}}
{{- if not (has .Values.tls.mode (list "certManager" "existingSecret" "none")) }}
{{- fail (printf "tls.mode is %q; use certManager, existingSecret or none" .Values.tls.mode) }}
{{- end }}
{{- $config := include "scalerhost.configMap" . | fromJson }}
{{- $tls := (($config.server | default dict).grpc | default dict).tls }}
{{- if and (eq .Values.tls.mode "none") $tls }}
{{- fail "config.server.grpc.tls is set but tls.mode is none, so no certificate is mounted: remove server.grpc.tls from config or choose tls.mode certManager or existingSecret" }}
{{- end }}
{{- if and (ne .Values.tls.mode "none") (not $tls) }}
{{- fail (printf "tls.mode is %s but config.server.grpc.tls is not set, so the gRPC port would be plaintext: add server.grpc.tls {certificate: tls/tls.crt, privateKey: tls/tls.key, clientCa: tls/ca.crt} to config or set tls.mode none" .Values.tls.mode) }}
{{- end }}
{{- end }}

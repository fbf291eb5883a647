package service

import (
	"encoding/json"
	"strings"
)

// newCourseFiles is the minimal course a new draft starts from: course.yaml, one lesson and a
// quiz of one question, in Spanish and English, which lints clean. The author replaces the
// placeholder texts; the English title starts as the Spanish one.
func newCourseFiles(courseID, title string) map[string][]byte {
	q, _ := json.Marshal(title) // a JSON string is a YAML double-quoted scalar
	course := strings.NewReplacer("ID", courseID, "TITLE", string(q)).Replace(newCourseYAML)
	return map[string][]byte{
		"course.yaml":                   []byte(course),
		"lessons/01-introduccion.md":    []byte(newLessonES),
		"lessons/01-introduccion.en.md": []byte(newLessonEN),
		"quiz.yaml":                     []byte(newQuizYAML),
	}
}

const newCourseYAML = `id: ID
version: 1
language: es
languages: [es, en]
area: other
title:
  es: TITLE
  en: TITLE
summary:
  es: "De qué trata el curso y a quién va dirigido."
  en: "What the course is about and who it is for."
hours: 1
certificate:
  issue: automatic
  valid_months: 12
`

const newLessonES = `---
title: Introducción
minutes: 5
---
# Introducción

Escriba aquí el texto de la lección: qué aprenderá el funcionario y por qué le sirve en el servicio.
`

const newLessonEN = `---
title: Introduction
minutes: 5
---
# Introduction

Write the lesson's text here: what the officer will learn and why it matters on duty.
`

const newQuizYAML = `pass_mark: 80
attempts: 3
time_limit_minutes: 0
draw: 0
shuffle: true
review: answers
questions:
  - id: pregunta-1
    type: true_false
    prompt:
      es: "Escriba aquí el enunciado de la pregunta."
      en: "Write the question's statement here."
    explanation:
      es: "Explique aquí por qué la respuesta es correcta."
      en: "Explain here why the answer is right."
    answer: true
`
